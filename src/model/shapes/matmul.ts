/** Matrix products: MatMul (numpy semantics), MatMulInteger, QLinearMatMul, Gemm. Einsum lives in einsum.ts. */
import type { DType } from '../dtype';
import { broadcastShapes } from './broadcast';
import { formatShape } from './indexing';
import { tensorInfo } from './values';
import type { RuleContext, ShapeRule, TensorInfo } from './types';

function matmulShape(ctx: RuleContext, a: number[], b: number[]): number[] {
  if (a.length === 0 || b.length === 0) ctx.fail(`MatMul needs inputs of rank >= 1, got ${formatShape(a)} and ${formatShape(b)}`);
  // rank-1 operands are promoted to matrices, and the added axis is removed again afterwards
  const left = a.length === 1 ? [1, a[0]] : a;
  const right = b.length === 1 ? [b[0], 1] : b;
  if (left[left.length - 1] !== right[right.length - 2]) {
    ctx.fail(`the inner dims of ${formatShape(a)} and ${formatShape(b)} differ`);
  }
  const batch = broadcastShapes([left.slice(0, -2), right.slice(0, -2)]);
  if (!batch) return ctx.fail(`the batch dims of ${formatShape(a)} and ${formatShape(b)} do not broadcast`);
  const out = [...batch];
  if (a.length > 1) out.push(left[left.length - 2]);
  if (b.length > 1) out.push(right[right.length - 1]);
  return out;
}

function matmul(aIndex: number, bIndex: number, dtype: (ctx: RuleContext, a: TensorInfo) => DType): ShapeRule {
  return (ctx) => {
    const a = ctx.input(aIndex);
    return [tensorInfo(dtype(ctx, a), matmulShape(ctx, a.shape, ctx.input(bIndex).shape))];
  };
}

const gemm: ShapeRule = (ctx) => {
  const a = ctx.input(0);
  const b = ctx.input(1).shape;
  if (a.shape.length !== 2 || b.length !== 2) ctx.fail(`A ${formatShape(a.shape)} and B ${formatShape(b)} must be matrices`);
  const [m, k] = ctx.int('transA', 0) ? [a.shape[1], a.shape[0]] : a.shape;
  const [kb, n] = ctx.int('transB', 0) ? [b[1], b[0]] : b;
  if (k !== kb) ctx.fail(`A ${formatShape(a.shape)} and B ${formatShape(b)} (transA ${ctx.int('transA', 0)}, transB ${ctx.int('transB', 0)}) do not multiply`);
  const c = ctx.optionalInput(2);
  const out = [m, n];
  if (c && broadcastShapes([out, c.shape])?.join(',') !== out.join(',')) {
    ctx.fail(`C ${formatShape(c.shape)} does not broadcast to the product ${formatShape(out)}`);
  }
  return [tensorInfo(a.dtype, out)];
};

export const matmulRules: Record<string, ShapeRule> = {
  MatMul: matmul(0, 1, (_, a) => a.dtype),
  MatMulInteger: matmul(0, 1, () => 'int32'),
  QLinearMatMul: matmul(0, 3, (ctx) => ctx.input(7).dtype),
  Gemm: gemm,
};
