/** Ops that cut, pick or join along axes: Slice, Gather(Elements/ND), Split, Concat, Pad, OneHot, NonZero. */
import { elementCount } from '../dtype';
import { formatShape, remapValues } from './indexing';
import { isSmall, tensorInfo } from './values';
import type { RuleContext, ShapeRule, TensorInfo } from './types';

const slice: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const rank = data.shape.length;
  const old = ctx.opset < 10; // attributes before opset 10, inputs after
  const starts = old ? ctx.ints('starts') : ctx.inputValue(1, 'the starts');
  const ends = old ? ctx.ints('ends') : ctx.inputValue(2, 'the ends');
  const allAxes = starts.map((_, i) => i);
  const axes = old ? ctx.ints('axes', allAxes) : ctx.optionalInput(3) ? ctx.inputValue(3, 'the axes') : allAxes;
  const steps = !old && ctx.optionalInput(4) ? ctx.inputValue(4, 'the steps') : starts.map(() => 1);
  if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length) {
    ctx.fail(`starts, ends, axes and steps differ in length (${starts.length}, ${ends.length}, ${axes.length}, ${steps.length})`);
  }
  const first = data.shape.map(() => 0);
  const step = data.shape.map(() => 1);
  const out = [...data.shape];
  axes.forEach((a, i) => {
    const axis = ctx.axis(a, rank);
    const dim = data.shape[axis];
    const s = steps[i];
    if (s === 0) ctx.fail(`the step for axis ${axis} is 0`);
    let begin = starts[i] < 0 ? starts[i] + dim : starts[i];
    let end = ends[i] < 0 ? ends[i] + dim : ends[i];
    // clamping as the spec says: [0, dim] going forward, [-1, dim - 1] going backward
    begin = s > 0 ? Math.min(Math.max(begin, 0), dim) : Math.min(Math.max(begin, 0), dim - 1);
    end = s > 0 ? Math.min(Math.max(end, 0), dim) : Math.min(Math.max(end, -1), dim - 1);
    out[axis] = Math.max(0, Math.ceil((end - begin) / s));
    first[axis] = begin;
    step[axis] = s;
  });
  const value = data.value && remapValues(out, data.shape, data.value, (o, into) => o.forEach((v, i) => (into[i] = first[i] + v * step[i])));
  return [tensorInfo(data.dtype, out, value)];
};

const gather: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const indices = ctx.input(1);
  const axis = ctx.axis(ctx.int('axis', 0), data.shape.length);
  const n = data.shape[axis];
  const picked = indices.value?.map((i) => (i < 0 ? i + n : i));
  if (picked?.some((i) => i < 0 || i >= n)) ctx.fail(`an index in ${formatShape(indices.value ?? [])} is out of range for axis ${axis} of size ${n}`);
  const out = [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)];
  if (!data.value || !picked || !isSmall(out)) return [tensorInfo(data.dtype, out)];
  const outer = elementCount(data.shape.slice(0, axis));
  const inner = elementCount(data.shape.slice(axis + 1));
  const value: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const k of picked) for (let i = 0; i < inner; i++) value.push(data.value[(o * n + k) * inner + i]);
  }
  return [tensorInfo(data.dtype, out, value)];
};

const gatherND: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const indices = ctx.input(1).shape;
  const batchDims = ctx.int('batch_dims', 0);
  const last = indices[indices.length - 1];
  if (last === undefined || batchDims + last > data.shape.length) {
    ctx.fail(`indices ${formatShape(indices)} do not fit data ${formatShape(data.shape)} with batch_dims ${batchDims}`);
  }
  return [tensorInfo(data.dtype, [...indices.slice(0, -1), ...data.shape.slice(batchDims + last)])];
};

/** Values of `inputs` joined along `axis` (all of them known and of equal rank). */
function joinValues(inputs: TensorInfo[], axis: number): number[] {
  const outer = elementCount(inputs[0].shape.slice(0, axis));
  const value: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const input of inputs) {
      const chunk = elementCount(input.shape.slice(axis));
      for (let i = 0; i < chunk; i++) value.push(input.value![o * chunk + i]);
    }
  }
  return value;
}

const concat: ShapeRule = (ctx) => {
  const inputs = ctx.node.inputs.flatMap((name, i) => (name ? [ctx.input(i)] : []));
  if (inputs.length === 0) ctx.fail('it has no inputs');
  const rank = inputs[0].shape.length;
  const axis = ctx.axis(ctx.int('axis'), rank);
  const out = [...inputs[0].shape];
  out[axis] = 0;
  for (const input of inputs) {
    if (input.shape.length !== rank || input.shape.some((d, i) => i !== axis && d !== out[i])) {
      ctx.fail(`the input shapes ${inputs.map((x) => formatShape(x.shape)).join(', ')} differ outside axis ${axis}`);
    }
    out[axis] += input.shape[axis];
  }
  const value = inputs.every((x) => x.value) && isSmall(out) ? joinValues(inputs, axis) : undefined;
  return [tensorInfo(inputs[0].dtype, out, value)];
};

function splitSizes(ctx: RuleContext, dim: number): number[] {
  const outputs = ctx.outputCount;
  let sizes: number[] | undefined;
  // an input from opset 13 on, an attribute before (opset 1 took either)
  if (ctx.opset < 13 && ctx.hasAttribute('split')) sizes = ctx.ints('split');
  else if ((ctx.opset >= 13 || ctx.opset === 1) && ctx.optionalInput(1)) sizes = ctx.inputValue(1, 'the split sizes');
  if (!sizes && ctx.opset >= 18 && ctx.hasAttribute('num_outputs')) {
    // opset 18: equal chunks of ceil(dim / n), the last one smaller
    const n = ctx.int('num_outputs');
    const chunk = Math.ceil(dim / n);
    sizes = Array.from({ length: n }, (_, i) => Math.max(0, Math.min(chunk, dim - i * chunk)));
  }
  if (!sizes) {
    if (dim % outputs !== 0) ctx.fail(`axis of size ${dim} does not split evenly into ${outputs} outputs`);
    sizes = new Array<number>(outputs).fill(dim / outputs);
  }
  if (sizes.length !== outputs) ctx.fail(`${sizes.length} split sizes for ${outputs} outputs`);
  if (sizes.reduce((s, v) => s + v, 0) !== dim) ctx.fail(`the split sizes ${formatShape(sizes)} do not add up to the axis size ${dim}`);
  return sizes;
}

const split: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const axis = ctx.axis(ctx.int('axis', 0), data.shape.length);
  let offset = 0;
  return splitSizes(ctx, data.shape[axis]).map((size) => {
    const out = [...data.shape];
    out[axis] = size;
    const from = offset;
    offset += size;
    const value = data.value && remapValues(out, data.shape, data.value, (o, into) => o.forEach((v, i) => (into[i] = i === axis ? v + from : v)));
    return tensorInfo(data.dtype, out, value);
  });
};

const pad: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const rank = data.shape.length;
  const pads = ctx.opset < 2 ? ctx.ints('paddings') : ctx.opset < 11 ? ctx.ints('pads') : ctx.inputValue(1, 'the pads');
  const allAxes = data.shape.map((_, i) => i);
  const axes = ctx.opset >= 18 && ctx.optionalInput(3) ? ctx.inputValue(3, 'the axes').map((a) => ctx.axis(a, rank)) : allAxes;
  if (pads.length !== 2 * axes.length) ctx.fail(`${pads.length} pads for ${axes.length} axes (need begin and end for each)`);
  const out = [...data.shape];
  axes.forEach((axis, i) => (out[axis] += pads[i] + pads[i + axes.length]));
  if (out.some((d) => d < 0)) ctx.fail(`the pads ${formatShape(pads)} make ${formatShape(data.shape)} negative`);
  return [tensorInfo(data.dtype, out)];
};

const oneHot: ShapeRule = (ctx) => {
  const indices = ctx.input(0);
  const [depth] = ctx.inputValue(1, 'the depth');
  const rank = indices.shape.length + 1;
  const axis = ctx.axis(ctx.int('axis', -1), rank);
  const out = [...indices.shape];
  out.splice(axis, 0, Math.trunc(depth));
  return [tensorInfo(ctx.input(2).dtype, out)];
};

const nonZero: ShapeRule = (ctx) => {
  const x = ctx.input(0);
  if (!x.value) return ctx.fail('its output size depends on the input data');
  const count = x.value.filter((v) => v !== 0).length;
  return [tensorInfo('int64', [x.shape.length, count])];
};

const dataDependent: ShapeRule = (ctx) => ctx.fail('its output size depends on the input data');

export const slicingRules: Record<string, ShapeRule> = {
  Slice: slice,
  Gather: gather,
  GatherElements: (ctx) => [tensorInfo(ctx.input(0).dtype, ctx.input(1).shape)],
  GatherND: gatherND,
  Concat: concat,
  Split: split,
  Pad: pad,
  OneHot: oneHot,
  NonZero: nonZero,
  Compress: dataDependent,
  Unique: dataDependent,
  NonMaxSuppression: dataDependent,
};
