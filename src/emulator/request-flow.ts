/**
 * Requests on their way: queued at the dispatcher, in the pipeline, answered. The ledger guarantees each is
 * answered once; this adds the queue, the in-flight window and resending.
 */
import { RequestLedger, type RequestId } from './ledger';

export class RequestFlow {
  readonly ledger = new RequestLedger();
  private readonly queue: RequestId[] = [];
  /** id -> when the copy now in the pipeline was sent */
  private readonly inFlight = new Map<RequestId, number>();

  get queued(): number {
    return this.queue.length;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  accept(nowMs: number): RequestId {
    const record = this.ledger.accept(nowMs);
    this.queue.push(record.id);
    return record.id;
  }

  /** Takes queued requests while fewer than `window` are in the pipeline; `send` puts each on its way. */
  pump(window: number, nowMs: number, send: (id: RequestId) => void): void {
    while (this.queue.length > 0 && this.inFlight.size < window) {
      const id = this.queue.shift() as RequestId;
      if (this.ledger.isComplete(id)) continue;
      this.ledger.markSent(id, nowMs);
      this.inFlight.set(id, nowMs);
      send(id);
    }
  }

  /** The first answer of a request: its latency from acceptance. null for a late copy of an answered one. */
  complete(id: RequestId, atMs: number): number | null {
    if (!this.ledger.complete(id, atMs)) return null;
    this.inFlight.delete(id);
    return atMs - this.ledger.get(id).acceptedAtMs;
  }

  /** After a redeploy: everything accepted and not answered goes again, oldest first. Returns how many were resent. */
  requeueOpen(): number {
    const open = this.ledger.open();
    this.queue.length = 0;
    this.inFlight.clear();
    for (const r of open) this.queue.push(r.id);
    return open.filter((r) => r.sends > 0).length;
  }

  /** Requests in the pipeline for longer than `timeoutMs` (their message was lost) go back to the front of the queue. */
  requeueLate(nowMs: number, timeoutMs: number): number {
    const late = [...this.inFlight].filter(([, sentAt]) => nowMs - sentAt > timeoutMs).map(([id]) => id);
    for (const id of late) this.inFlight.delete(id);
    this.queue.unshift(...late.sort((a, b) => a - b));
    return late.length;
  }
}
