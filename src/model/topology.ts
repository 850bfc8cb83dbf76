/**
 * The graph as a pipeline sees it: which tensors are weights, which nodes compute on activations, and one
 * topological order of those nodes. Also the structural checks (dangling tensors, cycles).
 */
import { errors } from '../errors';
import type { Graph, Node } from './types';

export interface Topology {
  /** Indices into graph.nodes of the compute nodes, in topological order (position -> node index). */
  order: number[];
  /**
   * Nodes computed from weights alone (Constant, and e.g. a Cast of an initializer). They cost nothing at
   * run time worth planning, and each stage that needs one gets its own copy, like an initializer.
   */
  isFree: boolean[];
  /** Initializers, plus the outputs of free nodes. */
  weights: Set<string>;
  /** Graph inputs that are real inputs (an input with an initializer of the same name is a weight). */
  activationInputs: string[];
  /** Every tensor a node reads: its inputs, and the outer tensors its subgraphs (If/Loop/Scan) read. */
  reads: string[][];
  /** tensor name -> index of the node that produces it */
  producer: Map<string, number>;
}

export function analyzeTopology(graph: Graph): Topology {
  const initializers = new Set(graph.initializers.map((t) => t.name));
  const activationInputs = graph.inputs.map((i) => i.name).filter((name) => !initializers.has(name));
  const known = new Set([...initializers, ...activationInputs]);
  const reads = graph.nodes.map((node) => nodeReads(node));
  const producer = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    for (const out of node.outputs) {
      if (!out) continue;
      const earlier = producer.get(out);
      if (earlier !== undefined) throw errors.invalidModel(`node '${node.name}'`, `tensor '${out}' is written by two nodes, '${graph.nodes[earlier].name}' and '${node.name}'`);
      if (known.has(out)) throw errors.invalidModel(`node '${node.name}'`, `node '${node.name}' writes tensor '${out}', which is already a graph ${initializers.has(out) ? 'weight' : 'input'}`);
      producer.set(out, index);
    }
  });
  const order = executionOrder(graph, known, reads);
  for (const output of graph.outputs) {
    if (!producer.has(output.name) && !known.has(output.name)) {
      throw errors.danglingTensor('graph output', 'the graph', output.name);
    }
  }
  const weights = new Set(initializers);
  const isFree = new Array<boolean>(graph.nodes.length).fill(false);
  for (const index of order) {
    const node = graph.nodes[index];
    // A node with no activation input is computable ahead of time (Constant, ConstantOfShape of a constant, ...).
    // Nodes with subgraphs stay compute nodes: their bodies may be costly.
    if (!hasSubgraph(node) && reads[index].every((name) => weights.has(name))) {
      isFree[index] = true;
      for (const out of node.outputs) if (out) weights.add(out);
    }
  }
  return { order: order.filter((index) => !isFree[index]), isFree, weights, activationInputs, reads, producer };
}

function hasSubgraph(node: Node): boolean {
  return node.attributes.some((a) => a.kind === 'graph' || a.kind === 'graphs');
}

/** Inputs ('' = omitted optional input, skipped) plus the outer-scope tensors read inside subgraphs. */
export function nodeReads(node: Node): string[] {
  const names = new Set(node.inputs.filter((name) => name !== ''));
  for (const attr of node.attributes) {
    const graphs = attr.kind === 'graph' ? [attr.value] : attr.kind === 'graphs' ? attr.value : [];
    for (const g of graphs) for (const name of outerReads(g)) names.add(name);
  }
  return [...names];
}

/** Names a subgraph reads that it does not define itself (recursively through nested subgraphs). */
export function outerReads(graph: Graph): Set<string> {
  const defined = new Set<string>([...graph.inputs.map((i) => i.name), ...graph.initializers.map((t) => t.name)]);
  for (const node of graph.nodes) for (const out of node.outputs) defined.add(out);
  const result = new Set<string>();
  for (const node of graph.nodes) {
    for (const name of nodeReads(node)) if (!defined.has(name)) result.add(name);
  }
  return result;
}

/**
 * Node indices in an order where every node runs after the producers of what it reads. `available` holds the
 * tensors known before any node runs (graph inputs, initializers, or a subgraph's outer scope).
 * File order when it is already topological (exporters write it so, and it is the order people recognise);
 * otherwise Kahn's algorithm, always taking the ready node that comes first in the file.
 * Throws on a tensor nobody produces and on cycles.
 */
export function executionOrder(graph: Graph, available: ReadonlySet<string>, reads = graph.nodes.map(nodeReads)): number[] {
  const n = graph.nodes.length;
  const producer = new Map<string, number>();
  graph.nodes.forEach((node, index) => node.outputs.forEach((out) => out && producer.set(out, index)));
  const preds = reads.map((names, index) => {
    const deps = new Set<number>();
    for (const name of names) {
      if (available.has(name)) continue;
      const from = producer.get(name);
      if (from === undefined) throw errors.danglingTensor(graph.nodes[index].name, graph.nodes[index].opType, name);
      deps.add(from);
    }
    return [...deps];
  });
  if (preds.every((ps, index) => ps.every((p) => p < index))) return Array.from({ length: n }, (_, i) => i);
  const indegree = preds.map((ps) => ps.length);
  const succs: number[][] = Array.from({ length: n }, () => []);
  preds.forEach((ps, index) => ps.forEach((p) => succs[p].push(index)));
  const ready = new MinHeap();
  indegree.forEach((d, index) => d === 0 && ready.push(index));
  const order: number[] = [];
  while (ready.size > 0) {
    const index = ready.pop();
    order.push(index);
    for (const s of succs[index]) if (--indegree[s] === 0) ready.push(s);
  }
  if (order.length < n) throw errors.cycle(findCycle(graph, preds, indegree));
  return order;
}

/** Names of the nodes on one cycle among those Kahn's algorithm could not place. */
function findCycle(graph: Graph, preds: number[][], indegree: number[]): string[] {
  const stuck = (i: number) => indegree[i] > 0;
  let current = indegree.findIndex((d) => d > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  // Walk backwards along stuck predecessors: in a finite graph this must revisit a node, closing a cycle.
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    current = preds[current].find(stuck) ?? current;
  }
  return path
    .slice(seenAt.get(current))
    .reverse()
    .map((i) => graph.nodes[i].name);
}

class MinHeap {
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= a[i]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
