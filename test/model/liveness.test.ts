import { describe, expect, it } from 'vitest';
import { computeLiveness, liveTensorsAt } from '../../src/model/liveness';
import { findCutPoints } from '../../src/model/cut-points';
import { analyzeTopology } from '../../src/model/topology';
import { model, node, residualChain } from '../helpers/tiny-graphs';

const tenBytes = () => 10;

describe('computeLiveness(graph, topology, bytesOf)', () => {
  it('counts the live activations after each position', () => {
    const m = residualChain();
    const l = computeLiveness(m.graph, analyzeTopology(m.graph), tenBytes);
    // before: x | a | a,b? no: b consumed by c and s -> after Neg: b | after Relu c: b,c | after Add: s | after Sigmoid: (output)
    expect(Array.from(l.liveCount)).toEqual([1, 1, 1, 2, 1, 0]);
    expect(Array.from(l.liveBytes)).toEqual([10, 10, 10, 20, 10, 0]);
  });

  it('holds inputs, outputs and skips while a node runs', () => {
    const m = residualChain();
    const l = computeLiveness(m.graph, analyzeTopology(m.graph), tenBytes);
    // Relu(x): x,a  Neg: a,b  Relu: b,c  Add: b,c,s  Sigmoid: s,y
    expect(Array.from(l.duringBytes)).toEqual([20, 20, 20, 30, 20]);
  });

  it('keeps a graph output produced early live until the end', () => {
    const m = model([node('Relu', ['x'], ['early']), node('Neg', ['early'], ['b']), node('Sigmoid', ['b'], ['late'])], { outputs: ['early', 'late'] });
    const l = computeLiveness(m.graph, analyzeTopology(m.graph), tenBytes);
    expect(liveTensorsAt(l, 1)).toEqual(['early', 'b']);
  });
});

describe('findCutPoints(liveness)', () => {
  it('finds the single-tensor cuts and skips the ones a residual skip crosses', () => {
    const m = residualChain();
    const cuts = findCutPoints(computeLiveness(m.graph, analyzeTopology(m.graph), tenBytes));
    expect(cuts.map((c) => [c.position, c.tensors])).toEqual([
      [0, ['a']],
      [1, ['b']],
      [3, ['s']],
    ]);
  });

  it('is linear: a 20,000-node chain is cut everywhere', () => {
    const nodes = Array.from({ length: 20000 }, (_, i) => node('Relu', [i === 0 ? 'x' : `t${i - 1}`], [`t${i}`]));
    const m = model(nodes);
    const cuts = findCutPoints(computeLiveness(m.graph, analyzeTopology(m.graph), tenBytes));
    expect(cuts.length).toBe(19999);
  });
});
