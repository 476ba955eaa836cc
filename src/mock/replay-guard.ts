/**
 * The legacy scheme's rule that a `Request-Id` is used once per merchant ("a duplicate is
 * rejected and not processed", kg/uz docs). Memory is bounded twice: each merchant remembers
 * at most `maxIds` ids and about `maxBytes` bytes of them, oldest forgotten first, so neither
 * a long run nor a flood of huge ids can grow the mock without end. An id's cost is its length
 * plus a fixed allowance for the set entry that holds it.
 */
export interface ReplayLimits {
  maxIds: number;
  maxBytes: number;
}

/** Roughly what a Set entry and a string header cost V8 beside the characters themselves. */
export const ENTRY_OVERHEAD_BYTES = 64;

interface Seen {
  /** Insertion order: the first entry is the oldest. */
  ids: Set<string>;
  bytes: number;
}

const cost = (id: string) => id.length + ENTRY_OVERHEAD_BYTES;

export class ReplayGuard {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly limits: ReplayLimits) {}

  /** Records the id; false if this merchant already used it (and still remembers it). */
  firstUse(authId: string, requestId: string): boolean {
    let merchant = this.seen.get(authId);
    if (!merchant) this.seen.set(authId, (merchant = { ids: new Set(), bytes: 0 }));
    if (merchant.ids.has(requestId)) return false;
    merchant.ids.add(requestId);
    merchant.bytes += cost(requestId);
    while (merchant.ids.size > this.limits.maxIds || (merchant.bytes > this.limits.maxBytes && merchant.ids.size > 1)) {
      const oldest = merchant.ids.values().next().value as string;
      merchant.ids.delete(oldest);
      merchant.bytes -= cost(oldest);
    }
    return true;
  }

  /** What one merchant's memory holds now. */
  usage(authId: string): { ids: number; bytes: number } {
    const merchant = this.seen.get(authId);
    return { ids: merchant?.ids.size ?? 0, bytes: merchant?.bytes ?? 0 };
  }

  clear(): void {
    this.seen.clear();
  }
}
