/**
 * The page's form for a model whose inputs have free dimensions ([batch, time], [N, 3, H, W]): one field per
 * input, prefilled with what the file fixes, 1 for a batch dimension and the name of every other free dimension
 * for the person to replace with a size. A size given for a named dimension in one field fills the same name in
 * every field. The form's logic lives here, on the model's declared inputs, so the page only draws it.
 */
import { SeiferError } from '../../errors';
import { realInputs, resolveInputShapes } from '../../model/shapes/input-shapes';
import type { Dim, Model } from '../../model/types';

export interface ShapeField {
  /** The input's name (the field's test id is shape-<name>). */
  name: string;
  /** As the file declares it, e.g. '[batch, 3, H, W]' ('rank unknown' when it does not say). */
  declared: string;
  /** The field's first value: '1 x 3 x H x W'. */
  text: string;
  /** A scalar input ([]) has nothing to fill in. */
  scalar: boolean;
}

export type ShapeFormResult = { ok: true; shapes: Record<string, number[]> } | { ok: false; message: string };

/** Dimension names that mean a batch (prefilled with 1 wherever they stand). */
const BATCH = /^(batch|batch_size|batchsize|n|b|bs|unk__\d+)$/i;

export function shapeFields(model: Model): ShapeField[] {
  return realInputs(model).map((input) => {
    const shape = input.shape;
    if (!shape) return { name: input.name, declared: 'rank unknown', text: '', scalar: false };
    return {
      name: input.name,
      declared: `[${shape.join(', ')}]`,
      text: shape.map((d, i) => prefill(d, i)).join(' x '),
      scalar: shape.length === 0,
    };
  });
}

function prefill(d: Dim, i: number): string {
  if (typeof d === 'number') return String(d);
  return i === 0 || BATCH.test(d) ? '1' : d === '?' ? '?' : d;
}

/** The shapes the fields say, every named size bound across inputs; or a message for the page. */
export function readShapeForm(model: Model, values: Readonly<Record<string, string>>): ShapeFormResult {
  const inputs = realInputs(model);
  const tokens = new Map(
    inputs.map((input) => [
      input.name,
      input.shape?.length === 0
        ? []
        : (values[input.name] ?? '')
            .trim()
            .split(/\s*[x×*,]\s*|\s+/)
            .filter((t) => t !== ''),
    ]),
  );
  // a size typed for a named dimension (in its own field or where the name was replaced) binds that name everywhere
  const bound = new Map<string, number>();
  for (const input of inputs) {
    (tokens.get(input.name) ?? []).forEach((token, i) => {
      const declared = input.shape?.[i];
      if (/^\d+$/.test(token) && typeof declared === 'string' && declared !== '?') bound.set(declared, Number(token));
    });
  }
  const shapes: Record<string, number[]> = {};
  for (const input of inputs) {
    const list = tokens.get(input.name) ?? [];
    if (input.shape?.length === 0) {
      shapes[input.name] = [];
      continue;
    }
    if (list.length === 0) return { ok: false, message: `Give the size of every dimension of input '${input.name}' ${describe(input.shape)}, e.g. 1 x 3 x 224 x 224.` };
    const dims: number[] = [];
    for (const token of list) {
      const size = /^\d+$/.test(token) ? Number(token) : bound.get(token);
      if (size === undefined) return { ok: false, message: `Input '${input.name}': '${token}' is not a size yet; replace it with a whole number (the number of elements along that dimension).` };
      if (!(size >= 1 && Number.isSafeInteger(size))) return { ok: false, message: `Input '${input.name}': ${token} is not a usable size; every dimension needs at least 1 element.` };
      dims.push(size);
    }
    shapes[input.name] = dims;
  }
  try {
    return { ok: true, shapes: resolveInputShapes(model, shapes) };
  } catch (error) {
    if (error instanceof SeiferError) return { ok: false, message: pageMessage(error) };
    throw error;
  }
}

function describe(shape: readonly Dim[] | undefined): string {
  return shape ? `[${shape.join(', ')}]` : '(its rank is unknown)';
}

/** A model-layer message without its command-line hint: the form is the page's way to fix it. */
function pageMessage(error: SeiferError): string {
  return `${error.message.slice(0, error.message.length - error.hint.length).trim()} Correct the sizes in the form and press Apply.`;
}

/** The page's words for a model that needs sizes: which inputs are open, and where to give the sizes. */
export function needSizesMessage(fileName: string, fields: readonly ShapeField[]): string {
  const open = fields.filter((f) => !f.scalar && (f.text === '' || f.text.split(' x ').some((t) => !/^\d+$/.test(t))));
  return `${fileName} leaves the size of some input dimensions open (${open.map((f) => `${f.name} ${f.declared}`).join('; ')}). Give every size in the Input shapes form below and press Apply.`;
}

/** Model-layer error codes the form answers (the sizes are missing or do not fit the inputs). */
export const SHAPE_ERROR_CODES: readonly string[] = ['unresolved-shape', 'bad-input-shape'];
