/**
 * The exactly-once bookkeeping of requests: every accepted request is answered once, whatever happens to the
 * copies of it that travel the cluster. A result for a request that was already answered is counted and dropped.
 */
export type RequestId = number;

export interface RequestRecord {
  id: RequestId;
  acceptedAtMs: number;
  /** Last time a copy was sent into the pipeline (null while queued). */
  sentAtMs: number | null;
  /** Copies sent: 1 normally, more after resends. */
  sends: number;
  completedAtMs: number | null;
}

export class RequestLedger {
  private readonly records = new Map<RequestId, RequestRecord>();
  private nextId = 0;
  private completedCount = 0;
  /** Results that arrived for a request already answered (resent copies finishing too): dropped, never delivered. */
  suppressedDuplicates = 0;

  accept(nowMs: number): RequestRecord {
    const record: RequestRecord = { id: this.nextId++, acceptedAtMs: nowMs, sentAtMs: null, sends: 0, completedAtMs: null };
    this.records.set(record.id, record);
    return record;
  }

  markSent(id: RequestId, nowMs: number): void {
    const r = this.get(id);
    r.sentAtMs = nowMs;
    r.sends++;
  }

  /** True the first time a request completes; false (and counted) for every later copy. */
  complete(id: RequestId, nowMs: number): boolean {
    const r = this.records.get(id);
    if (!r || r.completedAtMs !== null) {
      this.suppressedDuplicates++;
      return false;
    }
    r.completedAtMs = nowMs;
    this.completedCount++;
    return true;
  }

  isComplete(id: RequestId): boolean {
    return this.records.get(id)?.completedAtMs != null;
  }

  get(id: RequestId): RequestRecord {
    const r = this.records.get(id);
    if (!r) throw new RangeError(`no request ${id}`);
    return r;
  }

  /** Accepted and not answered yet, oldest first. */
  open(): RequestRecord[] {
    const result: RequestRecord[] = [];
    for (const r of this.records.values()) if (r.completedAtMs === null) result.push(r);
    return result;
  }

  get accepted(): number {
    return this.nextId;
  }

  get completed(): number {
    return this.completedCount;
  }

  /** Forget answered requests (long runs): keeps memory flat; counters stay. */
  prune(): void {
    for (const [id, r] of this.records) if (r.completedAtMs !== null) this.records.delete(id);
  }
}
