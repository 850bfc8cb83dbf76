import { describe, expect, test } from 'vitest';
import { paperBandwidthMatrix, paperPositions } from '../../../src/planner/cluster-gen';
import { outcomeSeconds, paperJoint, paperKPath, paperRandom } from '../../../src/planner/paper/algorithms';
import { createRng } from '../../../src/util/rng';
import { paperModel } from './fixtures';

const graph = (seed: number, n: number) => paperBandwidthMatrix(paperPositions(createRng(seed), n));

describe('paper-mode algorithms', () => {
  test('paperKPath(...) reports 0 s for one partition and Infinity when nothing fits, as the notebooks encoded them', () => {
    expect(outcomeSeconds(paperKPath(paperModel('ResNet50'), 256, graph(1, 5), 20, new Map(), createRng(1)))).toBe(0);
    expect(outcomeSeconds(paperKPath(paperModel('InceptionResNetV2'), 64, graph(1, 5), 20, new Map(), createRng(1)))).toBe(Infinity);
  });

  test('paperKPath(...) on ResNet50 at 64 MB places 4 partitions and its bottleneck is the worst transfer / bandwidth', () => {
    const bw = graph(3, 10);
    const out = paperKPath(paperModel('ResNet50'), 64, bw, 20, new Map(), createRng(3));
    if (out.kind !== 'value') throw new Error(out.kind);
    expect(out.nodes).toHaveLength(4);
    expect(new Set(out.nodes).size).toBe(4);
    expect(out.seconds).toBeCloseTo(Math.max(...out.transfersMbit!.map((t, i) => t / bw[out.nodes![i]][out.nodes![i + 1]])), 12);
  });

  test('paperKPath(...) is far below paperRandom(...) on average, as in the paper', () => {
    const model = paperModel('ResNet50');
    let [k, r] = [0, 0];
    for (let seed = 1; seed <= 30; seed++) {
      k += outcomeSeconds(paperKPath(model, 64, graph(seed, 20), 20, new Map(), createRng(seed)));
      r += outcomeSeconds(paperRandom(model, 64, graph(seed, 20), createRng(seed)));
    }
    expect(k).toBeLessThan(r / 2);
  });

  test('paperJoint(...) starts from every node and keeps the best greedy chain', () => {
    const out = paperJoint(paperModel('ResNet50'), 128, graph(4, 8), new Map());
    expect(out.kind).toBe('value');
    expect(outcomeSeconds(out)).toBeGreaterThan(0);
  });

  test('paperRandom(...) ignores the first split like the notebook: 3 parts for ResNet50 at 64 MB, 5/3/2 for IRV2 at 64/128/256', () => {
    const parts = (name: string, cap: number) => {
      const out = paperRandom(paperModel(name), cap, graph(1, 50), createRng(2));
      return out.kind === 'value' ? out.nodes!.length : out.kind;
    };
    expect(parts('ResNet50', 64)).toBe(3);
    expect(parts('ResNet50', 128)).toBe(2);
    expect([64, 128, 256].map((cap) => parts('InceptionResNetV2', cap))).toEqual([5, 3, 2]);
  });
});
