/**
 * A bounded list, newest first: what the journal and the SMS outbox keep. It holds at most
 * `capacity` items in a fixed array (a push over the limit overwrites the oldest), so memory
 * stays flat however many requests a developer's day sends.
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`a ring holds at least 1 item, not ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Up to `limit` items, newest first, that `keep` accepts. */
  newest(limit: number = this.capacity, keep?: (item: T) => boolean): T[] {
    const found: T[] = [];
    for (let i = 1; i <= this.count && found.length < limit; i++) {
      const item = this.items[(this.next - i + this.capacity) % this.capacity] as T;
      if (!keep || keep(item)) found.push(item);
    }
    return found;
  }

  clear(): void {
    this.items.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
