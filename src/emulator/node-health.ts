/**
 * What the dispatcher believes about each node, from heartbeats: alive, or dead since it stopped answering.
 * A node busy in a long inference cannot answer, so its deadline stretches with its slowest run.
 */
import type { NodeStatus } from './backend';

interface Belief {
  isDead: boolean;
  lastAnswerMs: number;
  status: NodeStatus | null;
  /** Loading a model blocks a worker: no deadline applies before this time. */
  busyUntilMs: number;
}

export class NodeHealth {
  private readonly beliefs = new Map<string, Belief>();

  constructor(
    nodeIds: readonly string[],
    private readonly heartbeatMs: number,
    private readonly missedHeartbeats: number,
  ) {
    for (const id of nodeIds) this.beliefs.set(id, { isDead: false, lastAnswerMs: 0, status: null, busyUntilMs: -1 });
  }

  ids(): string[] {
    return [...this.beliefs.keys()];
  }

  start(nowMs: number): void {
    for (const belief of this.beliefs.values()) belief.lastAnswerMs = nowMs;
  }

  /** Records a heartbeat answer: 'back' when the node had been given up for dead. */
  answered(node: string, atMs: number, status: NodeStatus): 'back' | 'alive' | 'unknown' {
    const belief = this.beliefs.get(node);
    if (!belief) return 'unknown';
    belief.lastAnswerMs = atMs;
    belief.status = status;
    if (!belief.isDead) return 'alive';
    belief.isDead = false;
    return 'back';
  }

  /** The node is about to be busy (receiving and loading a model) until `untilMs`: missing heartbeats then is expected. */
  expectBusy(node: string, untilMs: number): void {
    const belief = this.beliefs.get(node);
    if (belief) belief.busyUntilMs = Math.max(belief.busyUntilMs, untilMs);
  }

  /** False when it was already dead (or is not a node). */
  markDead(node: string): boolean {
    const belief = this.beliefs.get(node);
    if (!belief || belief.isDead) return false;
    belief.isDead = true;
    return true;
  }

  isDead(node: string): boolean {
    return this.beliefs.get(node)?.isDead ?? false;
  }

  dead(): string[] {
    return [...this.beliefs].filter(([, b]) => b.isDead).map(([id]) => id);
  }

  status(node: string): NodeStatus | null {
    return this.beliefs.get(node)?.status ?? null;
  }

  /** Nodes believed alive that have not answered for `missedHeartbeats` periods (or 3 of their slowest runs). */
  overdue(nowMs: number): string[] {
    const result: string[] = [];
    for (const [id, b] of this.beliefs) {
      const limitMs = Math.max(this.missedHeartbeats * this.heartbeatMs, 3 * (b.status?.slowestRunMs ?? 0));
      if (!b.isDead && nowMs > b.busyUntilMs && nowMs - Math.max(b.lastAnswerMs, b.busyUntilMs) > limitMs) result.push(id);
    }
    return result;
  }
}
