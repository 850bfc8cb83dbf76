import { describe, expect, it } from 'vitest';
import { analyzeTopology } from '../../src/model/topology';
import { SeiferError } from '../../src/errors';
import { floatTensor, model, node, residualChain } from '../helpers/tiny-graphs';

describe('analyzeTopology(graph)', () => {
  it('keeps file order when it is already topological', () => {
    const t = analyzeTopology(residualChain().graph);
    expect(t.order).toEqual([0, 1, 2, 3, 4]);
    expect(t.activationInputs).toEqual(['x']);
  });

  it('sorts a shuffled graph, preferring file order among ready nodes', () => {
    const m = model([node('Relu', ['a'], ['y']), node('Neg', ['x'], ['a'])]);
    expect(analyzeTopology(m.graph).order).toEqual([1, 0]);
  });

  it('treats Constant nodes and weight-only computations as free weights, not compute nodes', () => {
    const m = model(
      [
        node('Constant', [], ['k'], 'k', [{ name: 'value', kind: 'tensor', value: floatTensor('k', [4]) }]),
        node('Cast', ['w'], ['w32'], 'cast', [{ name: 'to', kind: 'int', value: 1 }]),
        node('Add', ['x', 'k'], ['a']),
        node('Mul', ['a', 'w32'], ['y']),
      ],
      { initializers: [floatTensor('w', [4])] },
    );
    const t = analyzeTopology(m.graph);
    expect(t.order).toEqual([2, 3]);
    expect(t.isFree).toEqual([true, true, false, false]);
    expect([...t.weights].sort()).toEqual(['k', 'w', 'w32']);
  });

  it('does not count a graph input that has an initializer as an activation input', () => {
    const m = model([node('Add', ['x', 'w'], ['y'])], {
      inputs: [
        ['x', [1, 4]],
        ['w', [4]],
      ],
      initializers: [floatTensor('w', [4])],
    });
    expect(analyzeTopology(m.graph).activationInputs).toEqual(['x']);
  });

  it('counts the outer tensors a subgraph reads as inputs of its node', () => {
    const body = model([node('Add', ['a', 'outer'], ['r'])], { inputs: [] }).graph;
    body.outputs = [{ name: 'r', dtype: 'float32' }];
    const m = model([
      node('Relu', ['x'], ['a']),
      node('Neg', ['x'], ['outer']),
      node('Greater', ['x', 'x'], ['cond']),
      node('If', ['cond'], ['y'], 'if', [
        { name: 'then_branch', kind: 'graph', value: body },
        { name: 'else_branch', kind: 'graph', value: body },
      ]),
    ]);
    const t = analyzeTopology(m.graph);
    expect(t.reads[3].sort()).toEqual(['a', 'cond', 'outer']);
  });

  it('rejects a dangling tensor, naming the node and the tensor', () => {
    const m = model([node('Relu', ['x'], ['a']), node('Add', ['a', 'ghost'], ['y'])]);
    expect(() => analyzeTopology(m.graph)).toThrowError(/Add node 'y' reads tensor 'ghost'/);
  });

  it('rejects two nodes writing one tensor, and a node writing a graph input, naming both', () => {
    const twice = model([node('Relu', ['x'], ['a'], 'first'), node('Neg', ['x'], ['a'], 'second'), node('Sigmoid', ['a'], ['y'])]);
    expect(() => analyzeTopology(twice.graph)).toThrowError(/not valid ONNX: tensor 'a' is written by two nodes, 'first' and 'second' \(node 'second'\)/);
    const overwrite = model([node('Relu', ['x'], ['x'], 'r'), node('Neg', ['x'], ['y'])]);
    expect(() => analyzeTopology(overwrite.graph)).toThrowError(/node 'r' writes tensor 'x', which is already a graph input/);
  });

  it('rejects a cycle, naming the nodes on it', () => {
    const m = model([node('Add', ['x', 'c'], ['a']), node('Relu', ['a'], ['b']), node('Neg', ['b'], ['c']), node('Sigmoid', ['a'], ['y'])]);
    try {
      analyzeTopology(m.graph);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SeiferError);
      expect((error as SeiferError).code).toBe('cycle');
      expect((error as Error).message).toMatch(/cycle through 3 node\(s\): a -> b -> c|b -> c -> a|c -> a -> b/);
    }
  });
});
