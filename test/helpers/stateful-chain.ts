/**
 * A recurrent-state model in the style of a voice-activity detector, built with the zoo's graph builder: an input
 * `x` and two state inputs `h` (updated through a sigmoid gate, GRU-like) and `c` (updated additively), each
 * updated by every layer and returned as `hn` and `cn`. The states cross every position of the graph, so it has
 * no single-tensor cut at all.
 */
import { GraphBuilder } from '../../src/model/zoo/graph-builder';
import type { Model } from '../../src/model/types';

export function statefulChain(layers = 4, { features = 16, state = 8, batchName }: { features?: number; state?: number; batchName?: string } = {}): Model {
  const g = new GraphBuilder();
  let a = g.input('x', [1, features]);
  let h = g.input('h', [1, state]);
  let c = g.input('c', [1, state]);
  for (let k = 0; k < layers; k++) {
    a = g.relu(g.gemm(a, features, { name: `layer${k}` }), `layer${k}_relu`);
    h = g.mul(h, g.sigmoid(g.gemm(a, state, { name: `gate${k}` })), `h${k + 1}`);
    c = g.add(c, g.gemm(a, state, { name: `update${k}` }), `c${k + 1}`);
  }
  g.output(g.gemm(a, 4, { name: 'y' }));
  g.output(h);
  g.output(c);
  const model = g.build({ graphName: 'stateful', seed: 7 });
  if (batchName) for (const v of [...model.graph.inputs, ...model.graph.outputs]) v.shape = [batchName, ...(v.shape ?? []).slice(1)];
  return model;
}
