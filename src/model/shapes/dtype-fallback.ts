/**
 * Element types of a node's outputs without shapes: what probeShapes needs to declare every tensor as a graph
 * output when shape inference cannot finish (unknown ops, Loop...). Most ops keep the type of their first input.
 */
import { dtypeFromCode, type DType } from '../dtype';
import type { Attribute, Node } from '../types';

const INT64_OUT = new Set(['Shape', 'Size', 'ArgMax', 'ArgMin', 'NonZero', 'NonMaxSuppression']);
const BOOL_OUT = new Set(['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);
const INT32_OUT = new Set(['MatMulInteger', 'ConvInteger']);

function attribute(node: Node, name: string): Attribute | undefined {
  return node.attributes.find((a) => a.name === name);
}

function subgraphOutputs(node: Node, name: string, skip: number): DType[] {
  const attr = attribute(node, name);
  return attr?.kind === 'graph' ? attr.value.outputs.slice(skip).map((o) => o.dtype) : [];
}

function constantType(node: Node): DType {
  const attr = node.attributes[0];
  if (attr?.kind === 'tensor') return attr.value.dtype;
  if (attr?.kind === 'int' || attr?.kind === 'ints') return 'int64';
  if (attr?.kind === 'string' || attr?.kind === 'strings') return 'string';
  return 'float32';
}

/** One element type per output of `node`, given the types of its inputs (undefined for omitted inputs). */
export function fallbackDtypes(node: Node, inputs: (DType | undefined)[]): DType[] {
  const first = inputs.find((d) => d !== undefined) ?? 'float32';
  const same = (...rest: DType[]): DType[] => [first, ...rest];
  const op = node.domain === '' ? node.opType : '';
  if (INT64_OUT.has(op)) return ['int64'];
  if (BOOL_OUT.has(op)) return ['bool'];
  if (INT32_OUT.has(op)) return ['int32'];
  switch (op) {
    case 'Constant':
      return [constantType(node)];
    case 'Cast': {
      const to = attribute(node, 'to');
      return [to?.kind === 'int' ? (dtypeFromCode(to.value) ?? first) : first];
    }
    case 'CastLike':
      return [inputs[1] ?? first];
    case 'ConstantOfShape': {
      const value = attribute(node, 'value');
      return [value?.kind === 'tensor' ? value.value.dtype : 'float32'];
    }
    case 'Where':
      return [inputs[1] ?? first];
    case 'TopK':
    case 'MaxPool':
      return same('int64');
    case 'Unique':
      return same('int64', 'int64', 'int64');
    case 'Dropout':
      return same('bool');
    case 'QuantizeLinear':
      return [inputs[2] ?? 'uint8'];
    case 'DequantizeLinear':
      return [inputs[1] ?? 'float32'];
    case 'If':
      return subgraphOutputs(node, 'then_branch', 0);
    case 'Loop':
      return subgraphOutputs(node, 'body', 1);
    case 'Scan':
      return subgraphOutputs(node, 'body', 0);
    default:
      return node.outputs.map(() => first);
  }
}
