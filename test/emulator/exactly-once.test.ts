import { describe, expect, it } from 'vitest';
import { randomFaultSchedule } from '../../src/emulator/chaos';
import { runVirtual } from '../../src/emulator/run-virtual';
import { createRng, randomInt } from '../../src/util/rng';
import { chainProfile, smallScenario } from './helpers';

describe('exactly once under random faults', () => {
  it('answers every accepted request once over 100 seeded fault schedules of every kind, on the one run loop', async () => {
    const failures: string[] = [];
    const injected = new Map<string, number>();
    const noticed = new Map<string, number>();
    let recoveries = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const rng = createRng(seed);
      const nodes = randomInt(rng, 4, 7);
      const scenario = smallScenario(nodes);
      const faults = randomFaultSchedule(rng, { nodeIds: scenario.nodes.map((n) => n.id), durationSec: 20, count: randomInt(rng, 1, 4) });
      const report = await runVirtual({ profile: chainProfile(), scenario, durationSec: 20, deployBytes: () => 1e6, faults, seed });
      for (const f of report.faults) {
        injected.set(f.kind, (injected.get(f.kind) ?? 0) + 1);
        if (f.detectMs !== null) noticed.set(f.kind, (noticed.get(f.kind) ?? 0) + 1);
      }
      recoveries += report.faults.filter((f) => f.outcome === 'replanned').length;
      if (report.duplicated !== 0 || report.lost !== 0 || report.completed !== report.requests) {
        failures.push(
          `seed ${seed}: ${report.requests} accepted, ${report.completed} completed, ${report.pending} pending, ${report.lost} lost, ${report.duplicated} duplicated, phase ${report.finalPhase} (${JSON.stringify(faults)})`,
        );
      }
    }
    expect(failures).toEqual([]);
    // the schedules really did hurt, with every kind of fault, and the dispatcher noticed each kind
    for (const kind of ['kill', 'hang', 'revive', 'slow', 'cut', 'degrade', 'restore']) expect(injected.get(kind) ?? 0, kind).toBeGreaterThan(10);
    for (const kind of ['kill', 'hang', 'slow', 'cut', 'degrade']) expect(noticed.get(kind) ?? 0, kind).toBeGreaterThan(3);
    expect(recoveries).toBeGreaterThan(50);
  });
});
