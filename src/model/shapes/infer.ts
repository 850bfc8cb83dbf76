/** The driver: walks a graph in execution order and applies each node's shape rule. */
import { describeError, errors, SeiferError } from '../../errors';
import type { Graph, Model, Node } from '../types';
import { createContext } from './context';
import { fallbackDtypes } from './dtype-fallback';
import { resolveInputShapes } from './input-shapes';
import { executionOrder } from '../topology';
import { shapeRule } from './registry';
import { tensorInfo, tensorValues } from './values';
import type { TensorInfo } from './types';

/** What a run carries besides the scope: the opsets, and in lenient mode the tensors whose shapes are unknown. */
interface Run {
  opsets: ReadonlyMap<string, number>;
  /** Set in lenient mode: failures give fallback dtypes (shape []) and their outputs land here. */
  unknown?: Set<string>;
}

/**
 * Own inference, synchronous, pure TS. Covers graph inputs, initializers, Constant outputs, every node output
 * (also nodes that feed nothing). Throws SeiferError('shape-inference') naming the node and op when it cannot.
 */
export function inferShapes(model: Model, inputShapes: Record<string, number[]>): Map<string, TensorInfo> {
  const scope = initialScope(model, inputShapes);
  inferGraph(model.graph, scope, { opsets: opsetsOf(model) });
  return scope;
}

/**
 * What can be known statically, also past nodes whose shapes cannot be inferred (unknown ops, Loop...): those
 * and everything computed from them get the op's usual element type (dtype-fallback.ts), shape [] and no value,
 * and are listed in `unknown`. Values of small tensors (If conditions, shape arithmetic) are exact where given.
 */
export function inferKnown(model: Model, inputShapes: Record<string, number[]>): { infos: Map<string, TensorInfo>; unknown: Set<string> } {
  const scope = initialScope(model, inputShapes);
  const unknown = new Set<string>();
  inferGraph(model.graph, scope, { opsets: opsetsOf(model), unknown });
  return { infos: scope, unknown };
}

function initialScope(model: Model, inputShapes: Record<string, number[]>): Map<string, TensorInfo> {
  if (!model || typeof model !== 'object' || !model.graph || !Array.isArray(model.graph.nodes)) {
    throw new TypeError(`'model' must be a Model from decodeModel(), got ${model === null ? 'null' : typeof model}`);
  }
  if (!inputShapes || typeof inputShapes !== 'object' || Array.isArray(inputShapes)) {
    throw new TypeError(`'inputShapes' must be an object of input name -> dims (see resolveInputShapes), got ${JSON.stringify(inputShapes)}`);
  }
  const shapes = resolveInputShapes(model, inputShapes);
  const scope = new Map<string, TensorInfo>();
  for (const t of model.graph.initializers) scope.set(t.name, tensorInfo(t.dtype, t.dims, tensorValues(t)));
  for (const input of model.graph.inputs) {
    if (!scope.has(input.name)) scope.set(input.name, tensorInfo(input.dtype, shapes[input.name]));
  }
  return scope;
}

function opsetsOf(model: Model): Map<string, number> {
  const opsets = new Map<string, number>();
  for (const { domain, version } of model.opsetImports) opsets.set(domain === 'ai.onnx' ? '' : domain, version);
  return opsets;
}

function inferGraph(graph: Graph, scope: Map<string, TensorInfo>, run: Run): void {
  for (const index of executionOrder(graph, new Set(scope.keys()))) {
    const node = graph.nodes[index];
    const outputs = run.unknown && node.inputs.some((name) => run.unknown!.has(name)) ? undefined : tryNode(node, scope, run);
    if (outputs) {
      node.outputs.forEach((name, i) => name && scope.set(name, outputs[i]));
      continue;
    }
    // lenient mode only: keep going with the element types alone
    const dtypes = fallbackDtypes(
      node,
      node.inputs.map((name) => (name ? scope.get(name)?.dtype : undefined)),
    );
    node.outputs.forEach((name, i) => {
      if (!name) return;
      scope.set(name, { dtype: dtypes[i] ?? dtypes[0] ?? 'float32', shape: [] });
      run.unknown!.add(name);
    });
  }
}

/** The node's output infos; undefined (lenient mode) or a SeiferError when the rule cannot give them. */
function tryNode(node: Node, scope: Map<string, TensorInfo>, run: Run): TensorInfo[] | undefined {
  try {
    return inferNode(node, scope, run);
  } catch (error) {
    if (run.unknown) return undefined;
    if (error instanceof SeiferError) throw error;
    // a bug in a rule must still name the node, so the caller can fall back to probeShapes
    throw errors.shapeInference(node.name, node.opType, `internal error: ${describeError(error)}`);
  }
}

function inferNode(node: Node, scope: Map<string, TensorInfo>, run: Run): TensorInfo[] {
  const rule = shapeRule(node.domain, node.opType);
  const where = node.domain ? `${node.domain}.${node.opType}` : node.opType;
  if (!rule) throw errors.shapeInference(node.name, where, 'seifer-lab has no shape rule for this op');
  const opset = run.opsets.get(node.domain);
  if (opset === undefined) throw errors.shapeInference(node.name, where, `the model imports no opset for domain '${node.domain}'`);
  const ctx = createContext(node, opset, scope, (subgraph) => inferSubgraph(subgraph, scope, run, ctx.fail));
  const outputs = rule(ctx);
  node.outputs.forEach((name, i) => {
    if (name && !outputs[i]) ctx.fail(`the rule gives ${outputs.length} output(s) but output ${i} '${name}' is used`);
    // a rule fed odd attributes must not hand NaN, Infinity or negative sizes to the costs: onnxruntime decides
    if (name && !outputs[i].shape.every((d) => Number.isSafeInteger(d) && d >= 0)) ctx.fail(`output ${i} '${name}' would have the shape [${outputs[i].shape.join(', ')}]`);
  });
  return outputs;
}

function inferSubgraph(graph: Graph, outer: Map<string, TensorInfo>, run: Run, fail: (detail: string) => never): TensorInfo[] {
  const scope = new Map(outer);
  for (const t of graph.initializers) scope.set(t.name, tensorInfo(t.dtype, t.dims, tensorValues(t)));
  for (const input of graph.inputs) {
    if (scope.has(input.name)) continue;
    if (!input.shape?.every((d) => typeof d === 'number')) fail(`subgraph '${graph.name}' input '${input.name}' has no fixed shape`);
    scope.set(input.name, tensorInfo(input.dtype, input.shape as number[]));
  }
  inferGraph(graph, scope, { opsets: run.opsets });
  return graph.outputs.map((o) => scope.get(o.name) ?? fail(`subgraph '${graph.name}' output '${o.name}' is not computed`));
}
