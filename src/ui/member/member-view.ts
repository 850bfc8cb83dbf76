/**
 * What the member page says, from the member's state (docs/design.md, "Real devices"): the headline ("You are
 * node m3: stage 2, blocks 20-35"), its busy share, the results it computed and their rate, and the path to each peer.
 */
import type { MemberState } from '../../devices/types';

export function headline(state: MemberState, code: string): string {
  const you = state.nodeId ? `You are node ${state.nodeId}` : '';
  switch (state.status) {
    case 'joining':
      return `Joining session ${code}…`;
    case 'idle':
      return `${you}. Waiting for the host to measure and plan.`;
    case 'measuring':
      return `${you}: the host is measuring this device and its links…`;
    case 'serving':
      return state.stage ? `${you}: stage ${state.stage.index + 1}, blocks ${state.stage.firstBlock}-${state.stage.lastBlock}` : `${you}: in the cluster, no stage in the current plan`;
    case 'left':
      return 'You left the session. Open the join link again to join as a new node.';
    case 'error':
      return `This device could not ${state.nodeId ? 'stay in' : 'join'} the session: ${state.error ?? 'unknown error'}`;
  }
}

/** Results per second over a sliding window of samples (count, wall time). */
export class ResultRate {
  private readonly samples: { count: number; atMs: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  push(count: number, atMs: number): number {
    this.samples.push({ count, atMs });
    while (this.samples.length > 2 && this.samples[0].atMs < atMs - this.windowMs) this.samples.shift();
    const first = this.samples[0];
    const spanMs = atMs - first.atMs;
    return spanMs > 0 ? ((count - first.count) * 1000) / spanMs : 0;
  }
}

export function pathRows(paths: MemberState['paths']): { peer: string; path: 'direct' | 'relay' }[] {
  return Object.entries(paths)
    .map(([peer, path]) => ({ peer, path }))
    .sort((a, b) => a.peer.localeCompare(b.peer, 'en', { numeric: true }));
}
