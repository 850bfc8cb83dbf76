import { describe, expect, it } from 'vitest';
import { randomFaultSchedule } from '../../src/emulator/chaos';
import { runVirtual } from '../../src/emulator/run-virtual';
import { createRng, randomInt } from '../../src/util/rng';
import { chainProfile, smallScenario } from './helpers';

describe('exactly once under random faults', () => {
  it('answers every accepted request once over 100 seeded fault schedules', async () => {
    const failures: string[] = [];
    let faultsApplied = 0;
    let recoveries = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const rng = createRng(seed);
      const nodes = randomInt(rng, 4, 7);
      const scenario = smallScenario(nodes);
      const faults = randomFaultSchedule(rng, { nodeIds: scenario.nodes.map((n) => n.id), durationSec: 20, count: randomInt(rng, 1, 4) });
      faultsApplied += faults.length;
      const report = await runVirtual({ profile: chainProfile(), scenario, durationSec: 20, stageBytes: () => 1e6, faults, seed });
      recoveries += report.faults.filter((f) => f.outcome === 'replanned').length;
      if (report.duplicated !== 0 || report.lost !== 0 || report.completed !== report.requests) {
        failures.push(`seed ${seed}: ${report.requests} accepted, ${report.completed} completed, ${report.lost} lost, ${report.duplicated} duplicated, phase ${report.finalPhase} (${JSON.stringify(faults)})`);
      }
    }
    expect(failures).toEqual([]);
    // the schedules really did hurt: many replans happened
    expect(faultsApplied).toBeGreaterThan(300);
    expect(recoveries).toBeGreaterThan(50);
  });
});
