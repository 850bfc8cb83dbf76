/** Einsum: output shape from the equation (explicit '->' form, or the implicit alphabetical one), with '...' broadcasting. */
import { broadcastShapes } from './broadcast';
import { formatShape } from './indexing';
import { tensorInfo } from './values';
import type { ShapeRule } from './types';

const ELLIPSIS = '.';

/** Splits a term like 'b...ij' into letters, with '.' standing for the whole ellipsis. */
function parseTerm(term: string): string[] {
  return term.replace('...', ELLIPSIS).split('');
}

/** onnxruntime orders implicit output letters a..z before A..Z. */
function byLetter(a: string, b: string): number {
  const rank = (l: string) => (l >= 'a' ? l.charCodeAt(0) - 97 : l.charCodeAt(0) - 65 + 26);
  return rank(a) - rank(b);
}

const einsum: ShapeRule = (ctx) => {
  const equation = ctx.string('equation').replace(/\s+/g, '');
  const [lhs, rhs] = equation.split('->');
  const terms = lhs.split(',').map(parseTerm);
  const inputs = terms.map((_, i) => ctx.input(i).shape);
  if (terms.length !== ctx.node.inputs.length) ctx.fail(`the equation '${equation}' has ${terms.length} operands for ${ctx.node.inputs.length} inputs`);
  const dims = new Map<string, number>();
  const counts = new Map<string, number>();
  const ellipsisShapes: number[][] = [];
  terms.forEach((letters, t) => {
    const shape = inputs[t];
    const named = letters.filter((l) => l !== ELLIPSIS).length;
    const ellipsisRank = shape.length - named;
    if (ellipsisRank < 0 || (ellipsisRank > 0 && !letters.includes(ELLIPSIS))) {
      ctx.fail(`operand ${t} '${lhs.split(',')[t]}' does not match its shape ${formatShape(shape)}`);
    }
    let axis = 0;
    for (const letter of letters) {
      if (letter === ELLIPSIS) {
        ellipsisShapes.push(shape.slice(axis, axis + ellipsisRank));
        axis += ellipsisRank;
        continue;
      }
      const d = shape[axis++];
      const seen = dims.get(letter);
      if (seen !== undefined && seen !== d && seen !== 1 && d !== 1) ctx.fail(`index '${letter}' is ${seen} in one operand and ${d} in another`);
      dims.set(letter, seen === undefined || seen === 1 ? d : seen);
      counts.set(letter, (counts.get(letter) ?? 0) + 1);
    }
  });
  const ellipsis = broadcastShapes(ellipsisShapes);
  if (!ellipsis) return ctx.fail(`the '...' dims ${ellipsisShapes.map(formatShape).join(', ')} do not broadcast`);
  // implicit output: the ellipsis, then the letters used once, in alphabetical order
  const output =
    rhs !== undefined
      ? parseTerm(rhs)
      : [
          ...(ellipsisShapes.length ? [ELLIPSIS] : []),
          ...[...counts]
            .filter(([, n]) => n === 1)
            .map(([l]) => l)
            .sort(byLetter),
        ];
  const out = output.flatMap((letter) => {
    if (letter === ELLIPSIS) return ellipsis;
    const d = dims.get(letter);
    if (d === undefined) return ctx.fail(`output index '${letter}' appears in no operand`);
    return [d];
  });
  return [tensorInfo(ctx.input(0).dtype, out)];
};

export const einsumRules: Record<string, ShapeRule> = { Einsum: einsum };
