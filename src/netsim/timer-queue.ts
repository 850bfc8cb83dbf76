/**
 * A binary min-heap of timers ordered by (atMs, seq): equal deadlines fire in the order they were scheduled
 * (fake-timers' total order, not xstate's comparator that never returns 0). Cancelled entries are removed lazily.
 */
export interface QueuedTimer {
  readonly id: number;
  readonly atMs: number;
  readonly seq: number;
  readonly fn: () => void;
}

export class TimerQueue {
  private readonly heap: QueuedTimer[] = [];
  private readonly live = new Set<number>();
  private nextSeq = 0;

  /** Number of timers that are scheduled and not cancelled. */
  get size(): number {
    return this.live.size;
  }

  push(id: number, atMs: number, fn: () => void): QueuedTimer {
    const timer = { id, atMs, seq: this.nextSeq++, fn };
    this.heap.push(timer);
    this.live.add(id);
    this.siftUp(this.heap.length - 1);
    return timer;
  }

  /** Returns whether the timer was still pending. */
  remove(id: number): boolean {
    return this.live.delete(id);
  }

  has(id: number): boolean {
    return this.live.has(id);
  }

  /** The earliest pending timer, or undefined. */
  peek(): QueuedTimer | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /** Removes and returns the earliest pending timer. */
  pop(): QueuedTimer | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.removeTop();
    this.live.delete(top.id);
    return top;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && !this.live.has(this.heap[0]!.id)) this.removeTop();
  }

  private removeTop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    this.siftDown(0);
  }

  private before(a: QueuedTimer, b: QueuedTimer): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
