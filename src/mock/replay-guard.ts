/**
 * The legacy scheme's rule that a `Request-Id` is used once per merchant ("a duplicate is
 * rejected and not processed", kg/uz docs). Memory is bounded: each merchant remembers its
 * last `capacity` ids, oldest forgotten first, so a long-running mock cannot grow without end.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly capacity = 10_000) {}

  /** Records the id; false if this merchant already used it. */
  firstUse(authId: string, requestId: string): boolean {
    let ids = this.seen.get(authId);
    if (!ids) this.seen.set(authId, (ids = new Set()));
    if (ids.has(requestId)) return false;
    ids.add(requestId);
    // A Set iterates in insertion order: its first entry is the oldest.
    if (ids.size > this.capacity) ids.delete(ids.values().next().value as string);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}
