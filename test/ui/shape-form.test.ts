import { describe, expect, it } from 'vitest';
import type { Dim, Model } from '../../src/model/types';
import { needSizesMessage, readShapeForm, shapeFields } from '../../src/ui/lab/shape-form';
import { floatTensor, model, node } from '../helpers/tiny-graphs';

/** A model whose inputs declare these shapes (a weight input, listed with an initializer, is not an input). */
function withInputs(shapes: [string, Dim[] | undefined][]): Model {
  const m = model([node('Relu', [shapes[0][0]], ['y'])], { initializers: [floatTensor('w', [2])] });
  return { ...m, graph: { ...m.graph, inputs: [...shapes.map(([name, shape]) => ({ name, dtype: 'float32' as const, ...(shape ? { shape } : {}) })), { name: 'w', dtype: 'float32', shape: [2] }] } };
}

describe('shapeFields(model)', () => {
  it('gives one field per real input: fixed sizes, 1 for a batch, the names of the other free dimensions', () => {
    const fields = shapeFields(
      withInputs([
        ['x', ['batch', 'time']],
        ['sr', []],
        ['img', ['N', 3, 'H', 'W']],
        ['z', undefined],
      ]),
    );
    expect(fields).toEqual([
      { name: 'x', declared: '[batch, time]', text: '1 x time', scalar: false },
      { name: 'sr', declared: '[]', text: '', scalar: true },
      { name: 'img', declared: '[N, 3, H, W]', text: '1 x 3 x H x W', scalar: false },
      { name: 'z', declared: 'rank unknown', text: '', scalar: false },
    ]);
    expect(needSizesMessage('mel.onnx', fields)).toBe(
      'mel.onnx leaves the size of some input dimensions open (x [batch, time]; img [N, 3, H, W]; z rank unknown). Give every size in the Input shapes form below and press Apply.',
    );
  });
});

describe('readShapeForm(model, values)', () => {
  const mel = withInputs([
    ['x', ['batch', 'time']],
    ['y', ['batch', 'time', 8]],
    ['sr', []],
  ]);

  it('reads sizes, binds a named size across inputs, and gives scalars their empty shape', () => {
    expect(readShapeForm(mel, { x: '1 x 16000', y: '1x time x 8', sr: '' })).toEqual({ ok: true, shapes: { x: [1, 16000], y: [1, 16000, 8], sr: [] } });
    expect(readShapeForm(mel, { x: '2 × time', y: '2, 400, 8' })).toEqual({ ok: true, shapes: { x: [2, 400], y: [2, 400, 8], sr: [] } });
  });

  it('says which field still has a name or a bad size, in words about the form (never a command-line flag)', () => {
    const left = readShapeForm(mel, { x: '1 x time', y: '1 x time x 8' });
    expect(left).toEqual({ ok: false, message: "Input 'x': 'time' is not a size yet; replace it with a whole number (the number of elements along that dimension)." });
    expect(readShapeForm(mel, { x: '1 x 0', y: '1 x 4 x 8' })).toMatchObject({ ok: false, message: expect.stringContaining('at least 1 element') });
    const rank = readShapeForm(mel, { x: '1 x 2 x 3', y: '1 x 2 x 8' });
    expect(rank.ok).toBe(false);
    if (!rank.ok) {
      expect(rank.message).toContain("input 'x' has rank 2");
      expect(rank.message).toContain('Correct the sizes in the form and press Apply.');
      expect(rank.message).not.toContain('--');
    }
    expect(readShapeForm(mel, { y: '1 x 2 x 8' })).toMatchObject({ ok: false, message: expect.stringContaining("input 'x' [batch, time]") });
  });
});
