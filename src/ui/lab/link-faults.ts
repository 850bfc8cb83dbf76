/**
 * Link faults as the page offers them: a link is a pair of endpoints (both directions at once). Cut, degrade and
 * restore a link; slow a node's radio (every link of it) or its CPU, and bring it back. Each is a fault of the
 * world (src/emulator/fault-schedule.ts); this module only says which, and reads back what is injected.
 */
import type { FaultInjector } from '../../emulator/fault-injector';
import type { ScheduledFault } from '../../emulator/fault-schedule';
import { pairKey } from '../../netsim/world';

export type LinkState = 'ok' | 'cut' | 'degraded';

/** How much a degraded link or a slowed radio loses: a tenth of the bandwidth. */
export const DEGRADE_FACTOR = 10;

/** How much slower a device computes after "Slow CPU". */
export const CPU_SLOWDOWN = 4;

export type LinkAction = 'cut' | 'degrade' | 'restore';
export type NodeAction = 'kill' | 'hang' | 'revive' | 'slow' | 'unslow' | 'slowCpu';

/** The fault a link action injects now. */
export function linkFault(action: LinkAction, a: string, b: string, atSec: number): ScheduledFault {
  if (action === 'degrade') return { kind: 'degrade', from: a, to: b, both: true, factor: DEGRADE_FACTOR, atSec };
  return { kind: action, from: a, to: b, both: true, atSec };
}

/** The fault a node action injects now; slowCpu toggles (it is undone by the same button). */
export function nodeFault(action: NodeAction, node: string, injector: FaultInjector, atSec: number): ScheduledFault {
  switch (action) {
    case 'slow':
      return { kind: 'slow-links', node, factor: DEGRADE_FACTOR, atSec };
    case 'unslow':
      return { kind: 'slow-links', node, factor: 1, atSec };
    case 'slowCpu':
      return { kind: 'slow', node, factor: injector.cpuFactor(node) > 1 ? 1 : CPU_SLOWDOWN, atSec };
    default:
      return { kind: action, node, atSec };
  }
}

/** Pairs that are not 'ok' as injected, for drawing (a pair is as bad as its worse direction). */
export function faultyPairs(injector: FaultInjector, endpointIds: readonly string[]): { a: string; b: string; state: LinkState }[] {
  const states = new Map<string, { a: string; b: string; state: LinkState }>();
  for (const { from, to, state } of injector.faultyLinks()) {
    if (!endpointIds.includes(from) || !endpointIds.includes(to)) continue;
    const key = pairKey(from, to);
    const previous = states.get(key)?.state;
    if (previous === 'cut') continue;
    states.set(key, { a: from < to ? from : to, b: from < to ? to : from, state: previous === 'degraded' && state !== 'cut' ? 'degraded' : state });
  }
  return [...states.values()];
}
