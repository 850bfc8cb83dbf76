import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/emulator/dispatcher';
import { toCluster } from '../../src/emulator/scenario';
import { SimBackend } from '../../src/emulator/sim-backend';
import { chainProfile, smallScenario } from './helpers';

function startDispatcher() {
  const scenario = smallScenario(5);
  const backend = new SimBackend({ scenario, inputBytes: chainProfile().inputBytes });
  const dispatcher = new Dispatcher({ profile: chainProfile(), cluster: toCluster(scenario), backend, stageBytes: () => 1e6 });
  dispatcher.start();
  for (let i = 0; i < 6; i++) dispatcher.accept();
  backend.clock.advanceTo(2000);
  return { dispatcher, backend, ids: scenario.nodes.map((n) => n.id) };
}

describe('Dispatcher.degradeLinks(changes, where)', () => {
  it('slows every link of a node at once: one fault record, one replan that moves off the node', () => {
    const { dispatcher, backend, ids } = startDispatcher();
    const victim = dispatcher.plan?.stages[1].node as string;
    const epochBefore = dispatcher.snapshot().epoch;
    const ends = [...ids, 'dispatcher'].filter((id) => id !== victim);
    const changes = ends.flatMap((other) => [
      { from: victim, to: other, change: { bandwidthMbps: 0.1 } },
      { from: other, to: victim, change: { bandwidthMbps: 0.1 } },
    ]);
    dispatcher.degradeLinks(changes, { node: victim });
    backend.clock.advanceTo(4000);
    const degrade = dispatcher.faults.records.filter((r) => r.kind === 'degrade');
    expect(degrade).toHaveLength(1);
    expect(degrade[0]).toMatchObject({ node: victim, outcome: 'replanned' });
    expect(dispatcher.snapshot().epoch).toBe(epochBefore + 1);
    expect(dispatcher.plan?.stages.some((s) => s.node === victim)).toBe(false);
    const i = dispatcher.cluster.nodes.findIndex((n) => n.id === victim);
    expect(dispatcher.cluster.bandwidthMbps[i].filter((_, j) => j !== i)).toEqual(ends.map(() => 0.1));
    dispatcher.stop();
  });

  it('keeps the plan when the changed links do not matter to it', () => {
    const { dispatcher, backend, ids } = startDispatcher();
    const used = new Set(dispatcher.plan?.stages.map((s) => s.node));
    const idle = ids.find((id) => !used.has(id)) as string;
    const epochBefore = dispatcher.snapshot().epoch;
    dispatcher.degradeLinks([{ from: idle, to: 'dispatcher', change: { bandwidthMbps: 1 } }], { node: idle });
    backend.clock.advanceTo(4000);
    expect(dispatcher.faults.records.find((r) => r.kind === 'degrade')?.outcome).toBe('no-change');
    expect(dispatcher.snapshot().epoch).toBe(epochBefore);
    dispatcher.stop();
  });
});
