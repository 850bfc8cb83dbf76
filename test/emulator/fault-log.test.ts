/**
 * FaultLog on its own: the dispatcher's events matched to injected faults. Two deaths noticed in the same instant
 * give two plans, the first superseded before it deploys: both faults are recovered by the deploy of the second.
 */
import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/planner/types';
import { FaultLog } from '../../src/emulator/fault-log';

const plan = {} as PlanReport;

describe('FaultLog', () => {
  it('gives both of two simultaneous deaths the recovery of the plan that superseded the first', () => {
    const log = new FaultLog();
    log.injected({ kind: 'kill', node: 'n3', atSec: 40 }, 40_000);
    log.injected({ kind: 'kill', node: 'n4', atSec: 40 }, 40_000);
    log.follow({ kind: 'observed', atMs: 40_600, observation: { id: 1, atMs: 40_600, what: 'node-down', node: 'n4', how: 'send-failed' } });
    log.follow({ kind: 'decision', atMs: 40_600, causes: [1], outcome: 'replanned', replanMs: 20 });
    log.follow({ kind: 'plan', atMs: 40_600, plan, epoch: 2, causes: [1] });
    log.follow({ kind: 'observed', atMs: 40_600, observation: { id: 2, atMs: 40_600, what: 'node-down', node: 'n3', how: 'send-failed' } });
    log.follow({ kind: 'decision', atMs: 40_600, causes: [2], outcome: 'replanned', replanMs: 10 });
    log.follow({ kind: 'plan', atMs: 40_600, plan, epoch: 3, causes: [2] });
    log.follow({ kind: 'deployed', atMs: 41_400, epoch: 3, resent: 8 });
    log.follow({ kind: 'result', atMs: 42_000, requestId: 7 as never, latencyMs: 900 });
    const figures = log.figures(0);
    expect(figures.map((f) => [f.node, f.detectMs, f.redeployMs, f.firstResultMs, f.resent, f.outcome])).toEqual([
      ['n3', 600, 800, 2000, 8, 'replanned'],
      ['n4', 600, 800, 2000, 8, 'replanned'],
    ]);
  });

  it('leaves a fault whose plan has not deployed yet without redeploy figures', () => {
    const log = new FaultLog();
    log.injected({ kind: 'kill', node: 'n2', atSec: 1 }, 1000);
    log.follow({ kind: 'observed', atMs: 1500, observation: { id: 1, atMs: 1500, what: 'node-down', node: 'n2', how: 'heartbeats' } });
    log.follow({ kind: 'decision', atMs: 1500, causes: [1], outcome: 'replanned', replanMs: 5 });
    log.follow({ kind: 'plan', atMs: 1500, plan, epoch: 4, causes: [1] });
    log.follow({ kind: 'deployed', atMs: 1600, epoch: 3, resent: 0 });
    expect(log.figures(0)[0]).toMatchObject({ detectMs: 500, redeployMs: null, firstResultMs: null });
  });
});
