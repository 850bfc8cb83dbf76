/**
 * The request ledger: every accepted request and its one exact state, the only place the counts the page, the
 * CLI and the benches show are computed (docs/design.md, "Metrics"). A request is queued (waiting for its first
 * send, or for a resend), in flight (a copy is in the pipeline), completed (answered, once), or lost (the
 * dispatcher gave up on it). Answered requests are forgotten at once (their counts stay), so a run of a million
 * requests keeps only the open ones.
 */
export type RequestId = number;

export type RequestState = 'queued' | 'in-flight' | 'completed' | 'lost';

interface OpenRequest {
  acceptedAtMs: number;
  /** When the copy now in flight was sent (state 'in-flight'). */
  sentAtMs: number;
  sends: number;
  /** Copies that were given up for lost on the way (sent and never answered within the timeout). */
  timeouts: number;
  state: 'queued' | 'in-flight';
}

/** The ledger's counts at one instant; every number the views show comes from here. */
export interface LedgerCounts {
  accepted: number;
  /** Waiting at the dispatcher: not sent yet, or waiting to be sent again. */
  queued: number;
  /** Of `queued`, the ones that were sent before (awaiting a resend after a failure or a timeout). */
  awaitingResend: number;
  inFlight: number;
  completed: number;
  /** Given up: sent `maxTimeouts` times and never answered. */
  lost: number;
  /** Copies sent again (a request resent twice counts twice). */
  resends: number;
  /** Answers for requests already answered (a resent copy and its original both finishing): dropped, never delivered. */
  lateCopies: number;
}

export class RequestLedger {
  private readonly open = new Map<RequestId, OpenRequest>();
  /** Queued ids in send order; stale entries (sent, completed or lost since) are skipped lazily. */
  private queue: RequestId[] = [];
  private head = 0;
  private nextId = 0;
  /** Ids given up (few: only a message lost maxTimeouts times in a row gets here). */
  private readonly lostIds = new Set<RequestId>();
  private counts = { queued: 0, awaitingResend: 0, inFlight: 0, completed: 0, lost: 0, resends: 0, lateCopies: 0 };

  /** `maxTimeouts`: after this many copies lost on the way, the request is given up (counted lost). */
  constructor(private readonly maxTimeouts = 5) {}

  accept(nowMs: number): RequestId {
    const id = this.nextId++;
    this.open.set(id, { acceptedAtMs: nowMs, sentAtMs: 0, sends: 0, timeouts: 0, state: 'queued' });
    this.queue.push(id);
    this.counts.queued++;
    return id;
  }

  stateOf(id: RequestId): RequestState {
    if (!(id >= 0 && id < this.nextId)) throw new RangeError(`no request ${id}`);
    return this.open.get(id)?.state ?? (this.lostIds.has(id) ? 'lost' : 'completed');
  }

  /** Sends queued requests, oldest first, while fewer than `window` are in flight. */
  pump(window: number, nowMs: number, send: (id: RequestId) => void): void {
    while (this.counts.inFlight < window && this.head < this.queue.length) {
      const id = this.queue[this.head++];
      const r = this.open.get(id);
      if (!r || r.state !== 'queued') continue;
      this.counts.queued--;
      if (r.sends > 0) {
        this.counts.awaitingResend--;
        this.counts.resends++;
      }
      r.state = 'in-flight';
      r.sentAtMs = nowMs;
      r.sends++;
      this.counts.inFlight++;
      send(id);
    }
    this.compact();
  }

  /** The first answer of a request: its latency from acceptance. null for a late copy (counted, not delivered). */
  complete(id: RequestId, atMs: number): number | null {
    const r = this.open.get(id);
    if (!r) {
      this.counts.lateCopies++;
      return null;
    }
    this.leave(r);
    this.open.delete(id);
    this.counts.completed++;
    return atMs - r.acceptedAtMs;
  }

  /** After a redeploy: every open request goes (again) through the new pipeline, oldest first. Returns how many had been sent. */
  requeueOpen(): number {
    let resent = 0;
    this.queue = [];
    this.head = 0;
    for (const [id, r] of this.open) {
      if (r.state === 'in-flight') this.toQueue(r);
      if (r.sends > 0) resent++;
      this.queue.push(id);
    }
    return resent;
  }

  /**
   * Copies in flight for longer than `timeoutMs` were lost on the way: their requests go back to the front of
   * the queue, or are given up after maxTimeouts. Returns how many went back and how many were given up.
   */
  requeueLate(nowMs: number, timeoutMs: number): { requeued: number; lost: number } {
    const late: RequestId[] = [];
    let lost = 0;
    for (const [id, r] of this.open) {
      if (r.state !== 'in-flight' || nowMs - r.sentAtMs <= timeoutMs) continue;
      r.timeouts++;
      if (r.timeouts >= this.maxTimeouts) {
        this.leave(r);
        this.open.delete(id);
        this.lostIds.add(id);
        this.counts.lost++;
        lost++;
        continue;
      }
      this.toQueue(r);
      late.push(id);
    }
    if (late.length > 0) {
      this.queue = [...late, ...this.queue.slice(this.head)];
      this.head = 0;
    }
    return { requeued: late.length, lost };
  }

  snapshot(): LedgerCounts {
    return { accepted: this.nextId, ...this.counts };
  }

  get accepted(): number {
    return this.nextId;
  }

  get completed(): number {
    return this.counts.completed;
  }

  get inFlight(): number {
    return this.counts.inFlight;
  }

  /** Accepted and neither answered nor given up: queued or in flight. */
  get pending(): number {
    return this.open.size;
  }

  private toQueue(r: OpenRequest): void {
    this.counts.inFlight--;
    this.counts.queued++;
    this.counts.awaitingResend++;
    r.state = 'queued';
  }

  private leave(r: OpenRequest): void {
    if (r.state === 'in-flight') {
      this.counts.inFlight--;
      return;
    }
    this.counts.queued--;
    if (r.sends > 0) this.counts.awaitingResend--;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
