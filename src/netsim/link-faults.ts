/** What faults do to a link's state: freezing and thawing it, and cutting short a transfer that failed. */
import type { LinkState, Pending, WireInterval } from './link-state';

/**
 * Brings a frozen link back up at `nowMs`: every time after the start of the outage shifts by its length, as if
 * the link had been paused. Returns the held transfers in FIFO order; those with a wire interval were already
 * scheduled (their times are shifted here), the others still have to be scheduled. Mutates `link`.
 */
export function thawLink<P>(link: LinkState<P>, nowMs: number): Pending<P>[] {
  const downSinceMs = link.downSinceMs ?? nowMs;
  const shift = (t: number) => (t > downSinceMs ? t + (nowMs - downSinceMs) : t);
  link.downSinceMs = null;
  link.freeAtMs = shift(link.freeAtMs);
  link.lastDeliverAtMs = shift(link.lastDeliverAtMs);
  const held: Pending<P>[] = [];
  for (const entry of link.pending.values()) {
    if (entry.transfer.status !== 'held') continue;
    held.push(entry);
    if (entry.wire === null) continue;
    const t = entry.transfer;
    t.startMs = shift(t.startMs!);
    t.endMs = shift(t.endMs!);
    t.deliverAtMs = shift(t.deliverAtMs!);
    entry.wire.startMs = t.startMs;
    entry.wire.endMs = t.endMs;
  }
  return held;
}

/** A failed transfer stops using the wire when it fails: keep only what was already sent. Mutates `link` and `wire`. */
export function cutWire(link: LinkState<unknown>, wire: WireInterval, nowMs: number): void {
  if (wire.startMs >= nowMs) {
    link.recent = link.recent.filter((w) => w !== wire);
  } else if (wire.endMs > nowMs) {
    wire.bytes *= (nowMs - wire.startMs) / (wire.endMs - wire.startMs);
    wire.endMs = nowMs;
  }
}
