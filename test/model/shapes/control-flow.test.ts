import { describe as group, expect, it } from 'vitest';
import { inferShapes, probeShapes } from '../../../src/model/shapes';
import type { Graph, Node } from '../../../src/model/types';
import { constant, describe, expectMatchesProbe, f32, graphAttr, i64, inferred, int, model, op, tensor } from './build';

function branch(name: string, nodes: Node[], output: string): Graph {
  return { name, nodes, initializers: [], inputs: [], outputs: [{ name: output, dtype: 'float32' }], valueInfo: [] };
}

const relu = branch('then', [op('Relu', ['x'], 't_out')], 't_out');
const neg = branch('else', [op('Neg', ['x'], 'e_out')], 'e_out');
const flat = branch('else', [op('Flatten', ['x'], 'e_out', int('axis', 0))], 'e_out');

group('ops with subgraphs', () => {
  it('inferShapes(If) follows the branch a known condition picks', () => {
    const m = model({ nodes: [constant(tensor('c', 'bool', [], [0])), op('If', ['c'], 'y', graphAttr('then_branch', relu), graphAttr('else_branch', flat))] });
    expect(inferred(m, { x: [2, 3] }, ['y'])).toEqual(['float32[1,6]']);
  });

  it('inferShapes(If) with a run-time condition needs both branches to agree', async () => {
    const agree = model({ inputs: { x: ['float32'], c: ['bool'] }, nodes: [op('If', ['c'], 'y', graphAttr('then_branch', relu), graphAttr('else_branch', neg))] });
    expect(inferred(agree, { x: [2, 3], c: [] }, ['y'])).toEqual(['float32[2,3]']);
    await expectMatchesProbe(agree, { x: [2, 3], c: [] });
    const differ = model({ inputs: { x: ['float32'], c: ['bool'] }, nodes: [op('If', ['c'], 'y', graphAttr('then_branch', relu), graphAttr('else_branch', flat))] });
    expect(() => inferShapes(differ, { x: [2, 3], c: [] })).toThrow(/If node 'If_y'.*output 0 differs between the branches \(then float32\[2,3\], else float32\[1,6\]\)/);
  });

  it('inferShapes(Loop) throws a shape-inference error, and probeShapes gives the shapes instead', async () => {
    const body: Graph = {
      name: 'body',
      inputs: [
        { name: 'i', dtype: 'int64', shape: [] },
        { name: 'cond_in', dtype: 'bool', shape: [] },
        { name: 'v', dtype: 'float32' },
      ],
      nodes: [op('Identity', ['cond_in'], 'cond_out'), op('Add', ['v', 'one'], 'v_out'), op('Identity', ['v'], 'scan')],
      outputs: [
        { name: 'cond_out', dtype: 'bool' },
        { name: 'v_out', dtype: 'float32' },
        { name: 'scan', dtype: 'float32' },
      ],
      initializers: [],
      valueInfo: [],
    };
    const m = model({
      initializers: [f32('one', [1], [])],
      nodes: [constant(i64('trips', [4], [])), op('Loop', ['trips', '', 'x'], ['final', 'stacked'], graphAttr('body', body)), op('Relu', ['stacked'], 'y')],
    });
    expect(() => inferShapes(m, { x: [2, 3] })).toThrow(/Loop node 'Loop_final'.*iterations/);
    const truth = await probeShapes(m, { x: [2, 3] });
    expect(['final', 'stacked', 'y'].map((n) => describe(truth.get(n)))).toEqual(['float32[2,3]', 'float32[4,2,3]', 'float32[4,2,3]']);
  });
});
