/**
 * The analysis the page's main thread keeps: everything but the weights' bytes. Slicing stage models and the
 * reference runs happen in the model worker, which keeps the whole model; the page draws and plans, and a
 * 500 MB model never crosses to it (nor is cloned at a fault).
 */
import type { ModelAnalysis } from '../../model/index';
import type { Attribute, Graph, Tensor } from '../../model/types';

const NO_BYTES = new Uint8Array(0);

function emptied(tensor: Tensor): Tensor {
  return { ...tensor, data: NO_BYTES, ...(tensor.strings ? { strings: [] } : {}) };
}

function attribute(a: Attribute): Attribute {
  if (a.kind === 'tensor') return { ...a, value: emptied(a.value) };
  if (a.kind === 'tensors') return { ...a, value: a.value.map(emptied) };
  if (a.kind === 'graph') return { ...a, value: graph(a.value) };
  if (a.kind === 'graphs') return { ...a, value: a.value.map(graph) };
  return a;
}

function graph(g: Graph): Graph {
  return { ...g, initializers: g.initializers.map(emptied), nodes: g.nodes.map((n) => ({ ...n, attributes: n.attributes.map(attribute) })) };
}

/** A copy of `analysis` whose tensors hold no bytes (their names, types and shapes stay). */
export function weightless(analysis: ModelAnalysis): ModelAnalysis {
  return { ...analysis, model: { ...analysis.model, graph: graph(analysis.model.graph) } };
}
