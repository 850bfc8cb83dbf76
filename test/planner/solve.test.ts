import { describe, expect, test } from 'vitest';
import { isInfeasible, plan } from '../../src/planner/index';
import { compileInstance } from '../../src/planner/instance';
import { isExactInRange } from '../../src/planner/optimal';
import { EQUAL_BOTTLENECK } from '../../src/planner/types';
import { bruteForceDfs, randomInstance } from './helpers';

/** 17 or 18 heterogeneous workers (beyond the exact DP, so only the search can prove), 4 or 5 blocks, tight memory, half the links missing. */
const wideInstance = (seed: number) => randomInstance(seed, { minNodes: 17, maxNodes: 18, minBlocks: 4, maxBlocks: 5, missingLinks: 0.5, blockMiB: [15, 40], nodeMiB: [20, 50] });

describe('plan(..., best): proof', () => {
  test('provenOptimal is true only when the bottleneck is the brute-force optimum, on 240 seeded instances beyond the exact DP', () => {
    let feasible = 0;
    let proven = 0;
    let unproven = 0;
    let enumerated = 0;
    for (let seed = 1; seed <= 240; seed++) {
      const { profile, cluster, objective } = wideInstance(seed);
      expect(isExactInRange(compileInstance(profile, cluster, objective))).toBe(false);
      const reference = bruteForceDfs(profile, cluster, objective);
      // a budget of a few dozen steps leaves some plans unproven: the interesting case for soundness
      const stepBudget = [150, 450, undefined][seed % 3];
      const r = plan(profile, cluster, { objective, seed, stepBudget });
      if (!reference) {
        expect(isInfeasible(r), `seed ${seed}: brute force finds no plan`).toBe(true);
        continue;
      }
      feasible++;
      enumerated += reference.plans;
      if (isInfeasible(r)) {
        expect(stepBudget, `seed ${seed}: only a cut-short search may miss every plan`).not.toBeUndefined();
        continue;
      }
      const at = `seed ${seed}: ${r.bottleneckMs} vs ${reference.bottleneckMs}`;
      expect(r.lowerBoundMs, at).toBeLessThanOrEqual(reference.bottleneckMs * (1 + 1e-9));
      expect(r.bottleneckMs, at).toBeGreaterThanOrEqual(reference.bottleneckMs * (1 - 1e-9));
      if (r.provenOptimal) {
        proven++;
        expect(r.bottleneckMs, at).toBeLessThanOrEqual(reference.bottleneckMs * (1 + EQUAL_BOTTLENECK) * (1 + 1e-9));
        expect(r.gapPct).toBe(0);
      } else {
        unproven++;
        expect(r.gapPct, at).toBeCloseTo((r.bottleneckMs / r.lowerBoundMs - 1) * 100, 9);
      }
      if (stepBudget === undefined) {
        // the full budget finishes on instances this small: proven, and with the fewest stages as fast
        expect(r.provenOptimal, at).toBe(true);
        expect(r.stages.length, at).toBe(reference.fewestStages);
      }
    }
    expect(feasible).toBeGreaterThanOrEqual(150);
    expect(proven).toBeGreaterThanOrEqual(100);
    expect(unproven).toBeGreaterThanOrEqual(5);
    expect(enumerated).toBeGreaterThan(feasible * 50);
  });
});
