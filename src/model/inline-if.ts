/**
 * Ifs whose condition is known statically (a constant, or computed from inputs fixed with --input-value) are
 * replaced by the nodes of the branch they take: an If is one node to the rest of seifer-lab, its branch's nodes
 * are many, and cut points can then fall between them. Names the branch defines keep their spelling unless they
 * collide with the outer graph's; the branch's outputs take the If's output names.
 */
import { inferKnown } from './shapes/infer';
import type { Attribute, Graph, Model, Node, Tensor, ValueInfo } from './types';

/** Inlining rounds (each can expose nested Ifs); the decoder refuses deeper nesting anyway. */
const MAX_ROUNDS = 64;

export interface InlinedModel {
  model: Model;
  /** Names of the If nodes replaced by a branch, outermost first. */
  inlined: string[];
}

export function inlineKnownIfs(model: Model, inputShapes: Record<string, number[]>): InlinedModel {
  let current = model;
  const inlined: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ifs = current.graph.nodes.filter((n) => n.opType === 'If' && n.domain === '');
    if (ifs.length === 0) break;
    const { infos } = inferKnown(current, inputShapes);
    const taken = new Map<Node, Graph>();
    for (const node of ifs) {
      const cond = infos.get(node.inputs[0])?.value;
      if (cond?.length !== 1) continue;
      const branch = node.attributes.find((a) => a.name === (cond[0] !== 0 ? 'then_branch' : 'else_branch'));
      if (branch?.kind === 'graph' && branch.value.outputs.length >= node.outputs.filter((o) => o).length) taken.set(node, branch.value);
    }
    if (taken.size === 0) break;
    current = replaceIfs(current, taken);
    inlined.push(...[...taken.keys()].map((n) => n.name));
  }
  return { model: current, inlined };
}

function replaceIfs(model: Model, taken: ReadonlyMap<Node, Graph>): Model {
  const graph = model.graph;
  const skip = new Set(taken.values());
  const usedValues = new Set<string>();
  collectValueNames(graph, skip, usedValues);
  const usedNodes = new Set(graph.nodes.map((n) => n.name));
  const nodes: Node[] = [];
  const initializers: Tensor[] = [...graph.initializers];
  const valueInfo: ValueInfo[] = [...graph.valueInfo];
  for (const node of graph.nodes) {
    const branch = taken.get(node);
    if (!branch) {
      nodes.push(node);
      continue;
    }
    const inner = inlineBranch(node, branch, usedValues, usedNodes);
    nodes.push(...inner.nodes);
    initializers.push(...inner.initializers);
    valueInfo.push(...inner.valueInfo);
  }
  return { ...model, graph: { ...graph, nodes, initializers, valueInfo } };
}

function inlineBranch(node: Node, branch: Graph, usedValues: Set<string>, usedNodes: Set<string>) {
  const fresh = (used: Set<string>, name: string, prefix: string) => {
    let candidate = name;
    for (let k = 1; used.has(candidate); k++) candidate = `${prefix}/${name}${k > 1 ? `_${k}` : ''}`;
    used.add(candidate);
    return candidate;
  };
  const produced = new Set(branch.nodes.flatMap((n) => n.outputs).filter((o) => o));
  const rename = new Map<string, string>();
  const passThrough: [string, string][] = [];
  branch.outputs.forEach((out, i) => {
    const target = node.outputs[i];
    if (!target) return;
    if (produced.has(out.name) && !rename.has(out.name)) rename.set(out.name, target);
    else passThrough.push([out.name, target]);
  });
  for (const name of [...produced, ...branch.initializers.map((t) => t.name)]) {
    if (!rename.has(name)) rename.set(name, fresh(usedValues, name, node.name));
  }
  const map = (name: string) => (name ? (rename.get(name) ?? name) : name);
  const nodes: Node[] = branch.nodes.map((n) => ({
    ...n,
    name: fresh(usedNodes, n.name, node.name),
    inputs: n.inputs.map(map),
    outputs: n.outputs.map(map),
    attributes: withSubgraphs(n.attributes, (g) => renameOuterReads(g, rename)),
  }));
  // a branch output that is an outer tensor, a branch weight or a repeat gets an Identity under the If's name
  for (const [from, to] of passThrough) {
    nodes.push({ name: fresh(usedNodes, `${to}_identity`, node.name), opType: 'Identity', domain: '', inputs: [map(from)], outputs: [to], attributes: [] });
  }
  return {
    nodes,
    initializers: branch.initializers.map((t) => ({ ...t, name: map(t.name) })),
    valueInfo: branch.valueInfo.filter((v) => produced.has(v.name)).map((v) => ({ ...v, name: map(v.name) })),
  };
}

/** A nested subgraph with its reads of renamed outer names updated (names it defines itself are left alone). */
function renameOuterReads(graph: Graph, rename: ReadonlyMap<string, string>): Graph {
  const local = new Set([...graph.inputs.map((i) => i.name), ...graph.initializers.map((t) => t.name), ...graph.nodes.flatMap((n) => n.outputs)]);
  const outer = new Map([...rename].filter(([name]) => !local.has(name)));
  if (outer.size === 0) return graph;
  const map = (name: string) => outer.get(name) ?? name;
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({
      ...n,
      inputs: n.inputs.map(map),
      attributes: withSubgraphs(n.attributes, (g) => renameOuterReads(g, outer)),
    })),
    outputs: graph.outputs.map((o) => ({ ...o, name: map(o.name) })),
  };
}

function withSubgraphs(attributes: Attribute[], fn: (graph: Graph) => Graph): Attribute[] {
  return attributes.map((a) => (a.kind === 'graph' ? { ...a, value: fn(a.value) } : a.kind === 'graphs' ? { ...a, value: a.value.map(fn) } : a));
}

/** Every value name defined in `graph` and its subgraphs, except the top-level names of the `skip` graphs. */
function collectValueNames(graph: Graph, skip: ReadonlySet<Graph>, into: Set<string>): void {
  if (!skip.has(graph)) {
    for (const v of [...graph.inputs, ...graph.initializers]) into.add(v.name);
    for (const n of graph.nodes) for (const o of n.outputs) if (o) into.add(o);
  }
  for (const n of graph.nodes) {
    for (const a of n.attributes) {
      if (a.kind === 'graph') collectValueNames(a.value, skip, into);
      else if (a.kind === 'graphs') for (const g of a.value) collectValueNames(g, skip, into);
    }
  }
}
