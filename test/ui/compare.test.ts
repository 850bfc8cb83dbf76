import { describe, expect, it } from 'vitest';
import { toCluster } from '../../src/emulator/scenario';
import { ALGORITHMS } from '../../src/planner/types';
import { compareAlgorithms } from '../../src/ui/lab/compare';
import { chainProfile, smallScenario } from '../emulator/helpers';

describe('compareAlgorithms(profile, cluster, options)', () => {
  it('plans with every algorithm, measured against the optimum when it runs', () => {
    const result = compareAlgorithms(chainProfile(), toCluster(smallScenario(4)), { objective: 'full', seed: 1 });
    expect(result.rows.map((r) => r.algorithm)).toEqual([...ALGORITHMS]);
    expect(result.reference).toBe('optimal');
    const optimal = result.rows.find((r) => r.algorithm === 'optimal');
    expect(optimal?.gapPercent).toBe(0);
    expect(optimal?.note).toBe('proven optimal');
    expect(result.referenceMs).toBe(optimal?.report?.bottleneckMs);
    for (const row of result.rows) if (row.report) expect(row.gapPercent).toBeGreaterThanOrEqual(-1e-9);
    // each row carries its whole plan, to draw and explain it beside another
    for (const row of result.rows) if (row.report) expect(row.plan?.stages.map((s) => s.node)).toEqual(row.report.nodes);
  });

  it('says why optimal refused a large instance and falls back to the lower bound', () => {
    const result = compareAlgorithms(chainProfile(61), toCluster(smallScenario(13, 10)), { objective: 'full', seed: 1 });
    expect(result.reference).toBe('lower bound');
    const optimal = result.rows.find((r) => r.algorithm === 'optimal');
    expect(optimal?.report).toBeUndefined();
    expect(optimal?.note).toContain('does not take this instance');
    // a page user has no command line: the note says what happened, never which flag to type
    expect(optimal?.note).not.toContain('--');
    expect(optimal?.note).toContain('Pick best in the Algorithm menu');
    expect(optimal?.note).toContain('Gaps are measured against the best proven lower bound instead.');
    expect(result.rows.find((r) => r.algorithm === 'best')?.report).toBeDefined();
  });
});
