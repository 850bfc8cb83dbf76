/** Reductions over axes: Reduce*, ArgMax/ArgMin, TopK. */
import { elementCount } from '../dtype';
import { stridesOf } from './broadcast';
import { formatShape } from './indexing';
import { castValue, tensorInfo } from './values';
import type { RuleContext, ShapeRule, TensorInfo } from './types';

interface Reducer {
  start: number;
  step: (acc: number, v: number) => number;
  finish?: (acc: number, count: number) => number;
}

const REDUCERS: Record<string, Reducer> = {
  ReduceSum: { start: 0, step: (a, v) => a + v },
  ReduceMean: { start: 0, step: (a, v) => a + v, finish: (a, n) => a / n },
  ReduceProd: { start: 1, step: (a, v) => a * v },
  ReduceMax: { start: -Infinity, step: Math.max },
  ReduceMin: { start: Infinity, step: Math.min },
  ReduceL1: { start: 0, step: (a, v) => a + Math.abs(v) },
  ReduceL2: { start: 0, step: (a, v) => a + v * v, finish: Math.sqrt },
  ReduceSumSquare: { start: 0, step: (a, v) => a + v * v },
  ReduceLogSum: { start: 0, step: (a, v) => a + v, finish: Math.log },
  ReduceLogSumExp: { start: 0, step: (a, v) => a + Math.exp(v), finish: Math.log },
};

/** Axes to reduce, or undefined for "none" (noop_with_empty_axes). ReduceSum took them as an input at 13, the rest at 18. */
function reducedAxes(ctx: RuleContext, rank: number): number[] | undefined {
  const fromInput = ctx.opset >= (ctx.node.opType === 'ReduceSum' ? 13 : 18);
  const axes = fromInput ? (ctx.optionalInput(1) ? ctx.inputValue(1, 'the axes') : []) : ctx.ints('axes', []);
  if (axes.length === 0) {
    if (fromInput && ctx.int('noop_with_empty_axes', 0) === 1) return undefined;
    return Array.from({ length: rank }, (_, i) => i);
  }
  return axes.map((a) => ctx.axis(a, rank));
}

function reducedValues(x: TensorInfo, axes: number[], reducer: Reducer): number[] {
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const keptStrides = stridesOf(keptShape);
  const acc = new Array<number>(elementCount(keptShape)).fill(reducer.start);
  const index = new Array<number>(x.shape.length).fill(0);
  x.value!.forEach((v) => {
    let at = 0;
    for (let axis = 0; axis < index.length; axis++) if (!axes.includes(axis)) at += index[axis] * keptStrides[axis];
    acc[at] = reducer.step(acc[at], v);
    for (let axis = index.length - 1; axis >= 0; axis--) {
      if (++index[axis] < x.shape[axis]) break;
      index[axis] = 0;
    }
  });
  const count = elementCount(axes.map((a) => x.shape[a]));
  return acc.map((a) => castValue(reducer.finish ? reducer.finish(a, count) : a, x.dtype));
}

function reduce(reducer: Reducer): ShapeRule {
  return (ctx) => {
    const x = ctx.input(0);
    const axes = reducedAxes(ctx, x.shape.length);
    if (!axes) return [tensorInfo(x.dtype, x.shape, x.value)];
    const keep = ctx.int('keepdims', 1) === 1;
    const out = x.shape.flatMap((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d]));
    return [tensorInfo(x.dtype, out, x.value && reducedValues(x, axes, reducer))];
  };
}

const argReduce: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const axis = ctx.axis(ctx.int('axis', 0), x.shape.length);
  const keep = ctx.int('keepdims', 1) === 1;
  return [
    tensorInfo(
      'int64',
      x.shape.flatMap((d, i) => (i === axis ? (keep ? [1] : []) : [d])),
    ),
  ];
};

const topK: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  const axis = ctx.axis(ctx.int('axis', -1), x.shape.length);
  const k = ctx.opset < 10 ? ctx.int('k') : ctx.inputValue(1, 'K')[0];
  if (k < 0 || k > x.shape[axis]) ctx.fail(`K = ${k} is not within the size ${x.shape[axis]} of axis ${axis} of ${formatShape(x.shape)}`);
  const out = x.shape.map((d, i) => (i === axis ? k : d));
  return [tensorInfo(x.dtype, out), tensorInfo('int64', out)];
};

export const reduceRules: Record<string, ShapeRule> = { ArgMax: argReduce, ArgMin: argReduce, TopK: topK };
for (const [op, reducer] of Object.entries(REDUCERS)) reduceRules[op] = reduce(reducer);
