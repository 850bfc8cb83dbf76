/**
 * FLOPs of one node: 2 x multiply-accumulates for the dense ops (Conv, ConvTranspose, Gemm, MatMul),
 * the number of output elements for everything else (a deliberate, documented simplification).
 */
import { elementCount } from './dtype';
import type { Node } from './types';

export interface ShapeLookup {
  (tensor: string): number[] | undefined;
}

export function nodeFlops(node: Node, shapeOf: ShapeLookup): number {
  const outputElements = node.outputs.reduce((sum, name) => sum + (name ? elementCount(shapeOf(name) ?? []) : 0), 0);
  const shape = (i: number) => (node.inputs[i] ? shapeOf(node.inputs[i]) : undefined);
  switch (node.opType) {
    case 'Conv': {
      // W: [M, C/group, k1, k2, ...]; every output element needs C/group * prod(k) MACs
      const w = shape(1);
      if (!w) break;
      return 2 * elementCount(shapeOf(node.outputs[0]) ?? []) * elementCount(w.slice(1));
    }
    case 'ConvTranspose': {
      // W: [C, M/group, k...]; every input element is scattered into M/group * prod(k) outputs
      const x = shape(0);
      const w = shape(1);
      if (!x || !w) break;
      return 2 * elementCount(x) * elementCount(w.slice(1));
    }
    case 'Gemm': {
      const a = shape(0);
      if (!a || a.length !== 2) break;
      const transA = node.attributes.find((attr) => attr.name === 'transA');
      const k = transA && transA.kind === 'int' && transA.value ? a[0] : a[1];
      return 2 * elementCount(shapeOf(node.outputs[0]) ?? []) * k;
    }
    case 'MatMul':
    case 'MatMulInteger':
    case 'QLinearMatMul': {
      const a = shape(0);
      if (!a || a.length === 0) break;
      return 2 * elementCount(shapeOf(node.outputs[0]) ?? []) * a[a.length - 1];
    }
    default:
      break;
  }
  return outputElements;
}
