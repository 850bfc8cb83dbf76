/**
 * Heartbeat bookkeeping for the nodes the dispatcher watches: the ones that hold (or are loading) a stage of the
 * running plan. Spares are not watched, so an idle node costs nothing per tick; a dead spare is found when a
 * deploy to it fails. A node busy in a long inference or loading a model cannot answer, so its deadline
 * stretches with its slowest run and with the expected load time; and like TCP's retransmission timeout, it
 * stretches with the round trips its answers have taken lately (a busy host answers late, and is not dead).
 */
import type { NodeStatus } from './node-protocol';

interface Watch {
  lastAnswerMs: number;
  /** The slowest recent heartbeat round trip, decaying. */
  slowRoundTripMs: number;
  /** Loading a model blocks a worker: no deadline applies before this time. */
  busyUntilMs: number;
}

/** Per answer, the remembered slow round trip shrinks to this share (so one hiccup is forgotten in a few seconds). */
const ROUND_TRIP_DECAY = 0.9;

export class NodeHealth {
  private readonly watches = new Map<string, Watch>();
  private readonly statuses = new Map<string, NodeStatus>();

  constructor(
    private readonly heartbeatMs: number,
    private readonly missedHeartbeats: number,
  ) {}

  /** Starts expecting answers from `node` (it joined the plan); a node already watched keeps its record. */
  watch(node: string, nowMs: number): void {
    if (!this.watches.has(node)) this.watches.set(node, { lastAnswerMs: nowMs, slowRoundTripMs: 0, busyUntilMs: -1 });
  }

  unwatch(node: string): void {
    this.watches.delete(node);
  }

  watched(): IterableIterator<string> {
    return this.watches.keys();
  }

  /** A heartbeat answer, `roundTripMs` after its ping. */
  answered(node: string, atMs: number, status: NodeStatus, roundTripMs = 0): void {
    this.statuses.set(node, status);
    const watch = this.watches.get(node);
    if (!watch) return;
    watch.lastAnswerMs = Math.max(watch.lastAnswerMs, atMs);
    watch.slowRoundTripMs = Math.max(roundTripMs, watch.slowRoundTripMs * ROUND_TRIP_DECAY);
  }

  /** The node is about to be busy (receiving and loading a model) until `untilMs`: missing heartbeats then is expected. */
  expectBusy(node: string, untilMs: number): void {
    const watch = this.watches.get(node);
    if (watch) watch.busyUntilMs = Math.max(watch.busyUntilMs, untilMs);
  }

  /** The node finished loading: deadlines apply again from now. */
  notBusy(node: string, nowMs: number): void {
    const watch = this.watches.get(node);
    if (watch && watch.busyUntilMs > nowMs) {
      watch.busyUntilMs = -1;
      watch.lastAnswerMs = Math.max(watch.lastAnswerMs, nowMs);
    }
  }

  /** The last status the node reported, or null. */
  status(node: string): NodeStatus | null {
    return this.statuses.get(node) ?? null;
  }

  forgetStatus(node: string): void {
    this.statuses.delete(node);
  }

  /** Watched nodes that have not answered for `missedHeartbeats` periods (or 3 of their slowest runs, or 4 slow round trips). */
  overdue(nowMs: number): string[] {
    const result: string[] = [];
    for (const [id, w] of this.watches) {
      const limitMs = Math.max(this.missedHeartbeats * this.heartbeatMs, 3 * (this.statuses.get(id)?.slowestRunMs ?? 0), 4 * w.slowRoundTripMs);
      if (nowMs > w.busyUntilMs && nowMs - Math.max(w.lastAnswerMs, w.busyUntilMs) > limitMs) result.push(id);
    }
    return result;
  }
}
