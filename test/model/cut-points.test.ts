import { describe, expect, it } from 'vitest';
import { findCutPoints, MAX_CUT_TENSORS, singleTensorCuts } from '../../src/model/cut-points';
import { computeLiveness } from '../../src/model/liveness';
import { analyzeTopology } from '../../src/model/topology';
import type { Model } from '../../src/model/types';
import { model, node, residualChain } from '../helpers/tiny-graphs';
import { statefulChain } from '../helpers/stateful-chain';

function cutsOf(m: Model, bytes: Record<string, number> = {}) {
  const liveness = computeLiveness(m.graph, analyzeTopology(m.graph), (t) => bytes[t] ?? 10);
  return { liveness, cuts: findCutPoints(liveness) };
}

describe('findCutPoints(liveness)', () => {
  it('offers no multi-tensor cut heavier than both single-tensor cuts around it (a residual skip)', () => {
    // after Relu c, b and c cross (20 bytes) between single cuts of 10 bytes: not offered
    const { cuts } = cutsOf(residualChain());
    expect(cuts.map((c) => [c.position, c.tensors])).toEqual([
      [0, ['a']],
      [1, ['b']],
      [3, ['s']],
    ]);
  });

  it('offers a multi-tensor cut that carries no more than the dearer single-tensor cut next to it', () => {
    // a (100 B) fans out to b = Neg(a) and c = Relu(a), 10 B each (think of two strided convs), joined by s (100 B)
    const m = model([node('Relu', ['x'], ['a']), node('Neg', ['a'], ['b']), node('Relu', ['a'], ['c']), node('Add', ['b', 'c'], ['s']), node('Sigmoid', ['s'], ['y'])]);
    const { cuts } = cutsOf(m, { a: 100, b: 10, c: 10, s: 100 });
    // after Neg: a and b (110 B) cross: heavier than both neighbours; after Relu c: b and c (20 B)
    expect(cuts.map((c) => [c.position, c.tensors, c.bytes])).toEqual([
      [0, ['a'], 100],
      [2, ['b', 'c'], 20],
      [3, ['s'], 100],
    ]);
    expect(singleTensorCuts(cuts).map((c) => c.position)).toEqual([0, 3]);
  });

  it('cuts a model whose recurrent state crosses every position wherever at most MAX_CUT_TENSORS tensors cross', () => {
    const { liveness, cuts } = cutsOf(statefulChain(3));
    const n = liveness.duringBytes.length;
    expect(singleTensorCuts(cuts)).toEqual([]);
    const narrow = Array.from({ length: n - 1 }, (_, p) => p).filter((p) => liveness.liveCount[p + 1] <= MAX_CUT_TENSORS);
    expect(cuts.map((c) => c.position)).toEqual(narrow);
    expect(cuts.length).toBeGreaterThan(n / 2);
    // every cut carries the two states, and its bytes are the sum of what crosses
    for (const cut of cuts) {
      expect(cut.tensors.some((t) => t === 'h' || /^h\d/.test(t)) && cut.tensors.some((t) => t === 'c' || /^c\d/.test(t)), cut.tensors.join()).toBe(true);
      expect(cut.bytes).toBe(cut.tensors.length * 10);
    }
  });

  it(`never offers a cut more than ${MAX_CUT_TENSORS} tensors cross`, () => {
    // five branches from x, joined by a Sum: after the fifth, five tensors are live
    const branches = ['Relu', 'Neg', 'Sigmoid', 'Tanh', 'Abs'].map((op, i) => node(op, ['x'], [`b${i}`]));
    const m = model([
      ...branches,
      node(
        'Sum',
        branches.map((b) => b.outputs[0]),
        ['y'],
      ),
    ]);
    const { liveness, cuts } = cutsOf(m);
    expect(liveness.liveCount[5]).toBe(5);
    expect(cuts.map((c) => c.tensors.length)).toEqual([2, 3, 4]);
  });
});
