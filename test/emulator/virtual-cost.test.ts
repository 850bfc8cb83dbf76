/**
 * Virtual time costs what happens, not what exists (docs/design.md, "Time"): the same plan and load on 8 nodes and
 * on 500 (492 of them spares) run the same number of timer events, so a simulated second costs the same. Counted,
 * not timed: a per-tick loop over every node, or a heartbeat for spares, would show up here as events.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/netsim/clock';
import { RunLoop, type RunReport } from '../../src/emulator/run-loop';
import { SimBackend } from '../../src/emulator/sim-backend';
import { chainProfile, smallScenario } from './helpers';

async function countedRun(nodes: number, durationSec: number, faults: { kind: 'kill'; node: string; atSec: number }[] = []): Promise<{ events: number; report: RunReport }> {
  const scenario = smallScenario(nodes, 1); // one block per node: an 8-stage plan on any cluster
  const clock = new VirtualClock();
  const backend = new SimBackend({ scenario, clock, network: { seed: 1 } });
  const run = new RunLoop({ scenario, backend, profile: chainProfile(8), deployBytes: () => 1e6, seed: 1 });
  run.schedule(faults, durationSec);
  let events = 0;
  const report = await run.runFor(durationSec, async (atMs) => void (events += clock.advanceTo(Math.max(atMs, clock.nowMs()))), 10);
  return { events, report };
}

describe('virtual time and cluster size', () => {
  it('runs the same events for the same plan on 8 nodes and on 500 (spares cost nothing)', async () => {
    const small = await countedRun(8, 60);
    const large = await countedRun(500, 60);
    expect(small.report.plan?.stages).toHaveLength(8);
    expect(large.report.plan?.stages).toHaveLength(8);
    expect(large.report.completed).toBe(small.report.completed);
    expect(small.events).toBeGreaterThan(10 * small.report.completed); // every request is many events: the count means something
    expect(large.events).toBeLessThanOrEqual(small.events * 1.01 + 50);
  });

  it('a dead spare costs one ping a second, nothing per request', async () => {
    const base = await countedRun(500, 60);
    const spares = ['n400', 'n401', 'n402', 'n403', 'n404'];
    // the plan on a uniform cluster takes the first nodes: these are spares
    expect(base.report.plan?.stages.map((s) => s.node)).not.toEqual(expect.arrayContaining(spares.slice(0, 1)));
    const killed = await countedRun(
      500,
      60,
      spares.map((node) => ({ kind: 'kill', node, atSec: 1 })),
    );
    expect(killed.report.completed).toBe(base.report.completed);
    // a ping to a dead node fails after a while: a couple of events each, once a second, for 59 s
    expect(killed.events - base.events).toBeLessThanOrEqual(spares.length * 59 * 4);
  });
});
