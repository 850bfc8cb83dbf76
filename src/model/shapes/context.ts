/** Builds the RuleContext a rule sees for one node: typed attribute readers, inputs, and failure messages. */
import { errors } from '../../errors';
import type { Attribute, Graph, Node, Tensor } from '../types';
import type { RuleContext, TensorInfo } from './types';

type Kind = Attribute['kind'];

export function createContext(node: Node, opset: number, scope: ReadonlyMap<string, TensorInfo>, inferSubgraph: (graph: Graph) => TensorInfo[]): RuleContext {
  const attributes = new Map(node.attributes.map((a) => [a.name, a]));
  const fail = (detail: string): never => {
    throw errors.shapeInference(node.name, node.opType, detail);
  };

  /** The attribute's value when it has one of `kinds`; the fallback when absent; a failure otherwise. */
  function read<T>(name: string, kinds: Kind[], fallback: T | undefined): T {
    const attr = attributes.get(name);
    if (!attr) return fallback === undefined ? fail(`the required attribute '${name}' is missing`) : fallback;
    if (!kinds.includes(attr.kind)) return fail(`attribute '${name}' is of kind ${attr.kind}, expected ${kinds[0]}`);
    return attr.value as T;
  }

  const input = (index: number): TensorInfo => {
    const name = node.inputs[index];
    if (!name) return fail(`input ${index} is missing`);
    return scope.get(name) ?? fail(`input ${index} '${name}' has no known shape`);
  };

  return {
    node,
    opset,
    outputCount: node.outputs.length,
    input,
    optionalInput: (index) => (node.inputs[index] ? input(index) : undefined),
    inputValue(index, what) {
      const info = input(index);
      if (info.value) return info.value;
      return fail(`it needs ${what} (input ${index} '${node.inputs[index]}') before running, but they are computed from the data at run time`);
    },
    hasAttribute: (name) => attributes.has(name),
    int: (name, fallback) => read<number>(name, ['int'], fallback),
    ints: (name, fallback) => read<number[]>(name, ['ints'], fallback),
    float: (name, fallback) => read<number>(name, ['float', 'int'], fallback),
    floats: (name, fallback) => read<number[]>(name, ['floats', 'ints'], fallback),
    string: (name, fallback) => read<string>(name, ['string'], fallback),
    tensor: (name) => {
      const attr = attributes.get(name);
      return attr?.kind === 'tensor' ? (attr.value as Tensor) : undefined;
    },
    graph: (name) => read<Graph>(name, ['graph'], undefined),
    axis(axis, rank) {
      const normalized = axis < 0 ? axis + rank : axis;
      if (!Number.isInteger(normalized) || normalized < 0 || normalized >= rank) fail(`axis ${axis} is out of range for rank ${rank}`);
      return normalized;
    },
    inferSubgraph,
    fail,
    invalid(detail) {
      throw errors.invalidModel(`node '${node.name}'`, `${node.opType} node '${node.name}' ${detail}`);
    },
  };
}
