import { describe, expect, test } from 'vitest';
import { minTransferPartition } from '../../src/planner/partition-dag';
import type { Profile } from '../../src/planner/types';
import { createRng, randomInt } from '../../src/util/rng';

/** Least total transfer by enumerating every set of cuts. */
function bruteForce(profile: Profile, cap: number, maxStages: number): number {
  const B = profile.blocks.length;
  let best = Infinity;
  for (let mask = 0; mask < 1 << (B - 1); mask++) {
    const cuts = Array.from({ length: B - 1 }, (_, i) => i).filter((i) => mask & (1 << i));
    if (cuts.length + 1 > maxStages) continue;
    const ends = [...cuts, B - 1];
    let first = 0;
    let fits = true;
    for (const e of ends) {
      let mem = 0;
      for (let b = first; b <= e; b++) mem += profile.blocks[b].memoryBytes;
      fits &&= mem <= cap;
      first = e + 1;
    }
    if (fits)
      best = Math.min(
        best,
        cuts.reduce((s, c) => s + profile.blocks[c].outBytes, 0),
      );
  }
  return best;
}

describe('minTransferPartition', () => {
  test('minTransferPartition(profile, cap, maxStages) finds the least total transfer, like enumeration, on 300 random chains', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 300; trial++) {
      const B = randomInt(rng, 1, 10);
      const profile: Profile = {
        model: 'r',
        inputBytes: 1,
        outputBytes: 1,
        blocks: Array.from({ length: B }, (_, i) => ({ name: `b${i}`, memoryBytes: randomInt(rng, 1, 10), flops: 0, outBytes: randomInt(rng, 1, 100) })),
      };
      const cap = randomInt(rng, 5, 30);
      const maxStages = randomInt(rng, 1, 6);
      const cuts = minTransferPartition(profile, cap, maxStages);
      const reference = bruteForce(profile, cap, maxStages);
      if (reference === Infinity) {
        expect(cuts).toBeNull();
        continue;
      }
      expect(cuts).not.toBeNull();
      expect(cuts!.length).toBeLessThanOrEqual(maxStages);
      expect(cuts![cuts!.length - 1]).toBe(B - 1);
      expect(cuts!.slice(0, -1).reduce((s, c) => s + profile.blocks[c].outBytes, 0)).toBe(reference);
    }
  });

  test('minTransferPartition(...) counts every block once: a block never goes unplanned (SEIFER dropped one per cut)', () => {
    const profile: Profile = { model: 'r', inputBytes: 1, outputBytes: 1, blocks: [5, 98, 5].map((m, i) => ({ name: `b${i}`, memoryBytes: m, flops: 0, outBytes: 1 })) };
    expect(minTransferPartition(profile, 64, 3)).toBeNull();
    expect(minTransferPartition(profile, 98, 3)).toEqual([0, 1, 2]);
  });
});
