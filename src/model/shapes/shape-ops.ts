/** Ops that compute or rearrange shapes: Shape, Size, Reshape, Flatten, (Un)Squeeze, Transpose, Expand, Tile, Range, ConstantOfShape. */
import { elementCount } from '../dtype';
import { broadcastShapes, broadcastValues } from './broadcast';
import { formatShape, remapValues } from './indexing';
import { castValue, isSmall, reshaped, tensorInfo, tensorValues } from './values';
import type { RuleContext, ShapeRule } from './types';

const shape: ShapeRule = (ctx) => {
  const dims = ctx.input(0).shape;
  const rank = dims.length;
  // opset 15 added start/end (negative from the back, clamped like Python slicing)
  const clamp = (v: number) => Math.min(rank, Math.max(0, v < 0 ? v + rank : v));
  const picked = dims.slice(clamp(ctx.int('start', 0)), clamp(ctx.int('end', rank)));
  return [tensorInfo('int64', [picked.length], picked)];
};

const size: ShapeRule = (ctx) => [tensorInfo('int64', [], [elementCount(ctx.input(0).shape)])];

const reshape: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const target = ctx.opset < 5 ? ctx.ints('shape') : ctx.inputValue(1, 'the target shape');
  const allowZero = ctx.int('allowzero', 0) === 1;
  const out = target.map((d, i) => (d === 0 && !allowZero ? data.shape[i] : d));
  if (out.some((d) => d === undefined)) ctx.fail(`the target shape ${formatShape(target)} copies a dim (0) past the input's rank ${data.shape.length}`);
  const free = out.indexOf(-1);
  const total = elementCount(data.shape);
  if (free >= 0) {
    if (out.lastIndexOf(-1) !== free) ctx.fail(`the target shape ${formatShape(target)} has more than one -1`);
    const known = elementCount(out.filter((_, i) => i !== free));
    if (known === 0 || total % known !== 0) ctx.fail(`${total} elements cannot be reshaped to ${formatShape(target)} (input ${formatShape(data.shape)})`);
    out[free] = total / known;
  }
  if (out.some((d) => !Number.isInteger(d) || d < 0) || elementCount(out) !== total) {
    ctx.fail(`the input ${formatShape(data.shape)} (${total} elements) cannot be reshaped to ${formatShape(out)}`);
  }
  return [reshaped(data, out)];
};

const flatten: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const rank = data.shape.length;
  let axis = ctx.int('axis', 1);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis > rank) ctx.fail(`axis ${ctx.int('axis', 1)} is out of range for rank ${rank}`);
  return [reshaped(data, [elementCount(data.shape.slice(0, axis)), elementCount(data.shape.slice(axis))])];
};

/** Squeeze/Unsqueeze axes: an attribute before opset 13, an input from 13 on. */
function axesOf(ctx: RuleContext): number[] | undefined {
  if (ctx.opset < 13) return ctx.hasAttribute('axes') ? ctx.ints('axes') : undefined;
  return ctx.optionalInput(1) ? ctx.inputValue(1, 'the axes') : undefined;
}

const squeeze: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const rank = data.shape.length;
  const given = axesOf(ctx);
  const axes = given ? given.map((a) => ctx.axis(a, rank)) : data.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  for (const a of axes) if (data.shape[a] !== 1) ctx.fail(`axis ${a} has size ${data.shape[a]}, not 1 (input ${formatShape(data.shape)})`);
  return [
    reshaped(
      data,
      data.shape.filter((_, i) => !axes.includes(i)),
    ),
  ];
};

const unsqueeze: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const given = axesOf(ctx);
  if (!given) return ctx.fail('it has no axes');
  const rank = data.shape.length + given.length;
  const axes = given.map((a) => ctx.axis(a, rank));
  if (new Set(axes).size !== axes.length) ctx.fail(`the axes ${formatShape(given)} repeat`);
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < rank; i++) out.push(axes.includes(i) ? 1 : data.shape[next++]);
  return [reshaped(data, out)];
};

const transpose: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const rank = data.shape.length;
  const perm = ctx.ints(
    'perm',
    data.shape.map((_, i) => rank - 1 - i),
  );
  if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
    ctx.fail(`perm ${formatShape(perm)} is not a permutation of the ${rank} axes of ${formatShape(data.shape)}`);
  }
  const out = perm.map((p) => data.shape[p]);
  const value = data.value && remapValues(out, data.shape, data.value, (o, into) => perm.forEach((p, i) => (into[p] = o[i])));
  return [tensorInfo(data.dtype, out, value)];
};

const expand: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  const target = ctx.inputValue(1, 'the target shape');
  const out = broadcastShapes([data.shape, target]);
  if (!out) return ctx.fail(`the input ${formatShape(data.shape)} cannot be expanded to ${formatShape(target)}`);
  const value = data.value && isSmall(out) ? broadcastValues([data.shape], [data.value], out, ([v]) => v) : undefined;
  return [tensorInfo(data.dtype, out, value)];
};

const tile: ShapeRule = (ctx) => {
  const data = ctx.input(0);
  if (ctx.opset < 6) ctx.fail('Tile before opset 6 (tiles/axis inputs) is not supported');
  const repeats = ctx.inputValue(1, 'the repeats');
  if (repeats.length !== data.shape.length) ctx.fail(`${repeats.length} repeats for an input of rank ${data.shape.length}`);
  const out = data.shape.map((d, i) => d * repeats[i]);
  const value = data.value && isSmall(out) ? remapValues(out, data.shape, data.value, (o, into) => o.forEach((v, i) => (into[i] = v % data.shape[i]))) : undefined;
  return [tensorInfo(data.dtype, out, value)];
};

const range: ShapeRule = (ctx) => {
  const dtype = ctx.input(0).dtype;
  const [start] = ctx.inputValue(0, 'start');
  const [limit] = ctx.inputValue(1, 'limit');
  const [delta] = ctx.inputValue(2, 'delta');
  if (delta === 0) ctx.fail('delta is 0');
  const count = Math.max(0, Math.ceil((limit - start) / delta));
  if (!Number.isFinite(count)) ctx.fail(`the range ${start} to ${limit} by ${delta} is not finite`);
  const value = isSmall([count]) ? Array.from({ length: count }, (_, i) => castValue(start + i * delta, dtype)) : undefined;
  return [tensorInfo(dtype, [count], value)];
};

const constantOfShape: ShapeRule = (ctx) => {
  const dims = ctx.inputValue(0, 'the output shape');
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) ctx.fail(`the shape ${formatShape(dims)} has a negative or fractional dim`);
  const fill = ctx.tensor('value');
  const dtype = fill?.dtype ?? 'float32';
  const v = fill ? (tensorValues(fill)?.[0] ?? 0) : 0;
  const count = elementCount(dims);
  return [tensorInfo(dtype, dims, isSmall(dims) ? new Array<number>(count).fill(v) : undefined)];
};

export const shapeOpRules: Record<string, ShapeRule> = {
  Shape: shape,
  Size: size,
  Reshape: reshape,
  Flatten: flatten,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Transpose: transpose,
  Expand: expand,
  Tile: tile,
  Range: range,
  ConstantOfShape: constantOfShape,
};
