/**
 * Where weights come from. A weight tensor is either stored (an initializer, or the value of a Constant node)
 * or computed by free nodes from stored ones (e.g. a Cast of an fp16 initializer); costs are charged to the stored ones.
 */
import { elementCount, isFloatDType, tensorBytes } from './dtype';
import type { Topology } from './topology';
import type { Graph, Node, Tensor } from './types';

export interface StoredWeight {
  name: string;
  bytes: number;
  elements: number;
  isFloat: boolean;
}

export interface WeightIndex {
  stored: Map<string, StoredWeight>;
  /** weight tensor name -> the stored weights it is computed from */
  sources: Map<string, string[]>;
}

export function indexWeights(graph: Graph, topology: Topology): WeightIndex {
  const stored = new Map<string, StoredWeight>();
  const sources = new Map<string, string[]>();
  for (const t of graph.initializers) {
    stored.set(t.name, describe(t.name, t));
    sources.set(t.name, [t.name]);
  }
  // free nodes are topologically ordered among themselves in file order only when the file is sorted; iterate to a fixpoint
  const pending = graph.nodes.map((_, i) => i).filter((i) => topology.isFree[i]);
  for (let guard = 0; pending.length > 0 && guard <= graph.nodes.length; guard++) {
    for (let k = pending.length - 1; k >= 0; k--) {
      const index = pending[k];
      const node = graph.nodes[index];
      const reads = topology.reads[index];
      if (!reads.every((name) => sources.has(name))) continue;
      pending.splice(k, 1);
      const value = node.opType === 'Constant' ? constantValue(node) : undefined;
      for (const out of node.outputs) {
        if (!out) continue;
        if (value) {
          stored.set(out, value.tensor ? describe(out, value.tensor) : { name: out, bytes: value.bytes, elements: value.elements, isFloat: value.isFloat });
          sources.set(out, [out]);
        } else {
          sources.set(out, [...new Set(reads.flatMap((name) => sources.get(name) ?? []))]);
        }
      }
    }
  }
  return { stored, sources };
}

function describe(name: string, t: Tensor): StoredWeight {
  const elements = elementCount(t.dims);
  const bytes = t.dtype === 'string' ? (t.strings ?? []).reduce((s, x) => s + x.length, 0) : tensorBytes(t.dtype, t.dims);
  return { name, bytes, elements, isFloat: isFloatDType(t.dtype) };
}

/** The value of a Constant node, in any of its attribute forms. */
function constantValue(node: Node): { tensor?: Tensor; bytes: number; elements: number; isFloat: boolean } | undefined {
  for (const attr of node.attributes) {
    switch (attr.kind) {
      case 'tensor':
        return { tensor: attr.value, bytes: 0, elements: 0, isFloat: false };
      case 'float':
        return { bytes: 4, elements: 1, isFloat: true };
      case 'int':
        return { bytes: 8, elements: 1, isFloat: false };
      case 'floats':
        return { bytes: 4 * attr.value.length, elements: attr.value.length, isFloat: true };
      case 'ints':
        return { bytes: 8 * attr.value.length, elements: attr.value.length, isFloat: false };
      case 'string':
        return { bytes: attr.value.length, elements: 1, isFloat: false };
      case 'strings':
        return { bytes: attr.value.reduce((s, x) => s + x.length, 0), elements: attr.value.length, isFloat: false };
      default:
        break;
    }
  }
  return undefined;
}

/** The stored weights a set of nodes needs, each counted once. */
export function storedWeightsOf(nodeIndices: Iterable<number>, topology: Topology, index: WeightIndex): Set<string> {
  const result = new Set<string>();
  for (const i of nodeIndices) {
    for (const name of topology.reads[i]) for (const s of index.sources.get(name) ?? []) result.add(s);
  }
  return result;
}

export function bytesOf(names: Iterable<string>, index: WeightIndex): number {
  let total = 0;
  for (const name of names) total += index.stored.get(name)?.bytes ?? 0;
  return total;
}
