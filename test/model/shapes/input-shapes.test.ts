import { describe as group, expect, it } from 'vitest';
import { thrownSeiferError } from '../../helpers/asserts';
import { parseInputShape, resolveInputShapes } from '../../../src/model/shapes';
import { f32, model, op } from './build';

const thrown = thrownSeiferError;

group('parseInputShape', () => {
  it('parseInputShape(text) reads one unnamed shape', () => {
    expect(parseInputShape('1x3x224x224')).toEqual([1, 3, 224, 224]);
    expect(parseInputShape(' 1 x 10 ')).toEqual([1, 10]);
    expect(parseInputShape('7')).toEqual([7]);
  });

  it('parseInputShape(text) reads named shapes separated by commas', () => {
    expect(parseInputShape('x=1x3x224x224,y=1x10')).toEqual({ x: [1, 3, 224, 224], y: [1, 10] });
    expect(parseInputShape('input_ids = 1x128')).toEqual({ input_ids: [1, 128] });
  });

  it('parseInputShape(text) rejects bad text with a bad-input-shape error saying what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['', /it is empty/],
      ['1xx3', /'' is not a whole number/],
      ['1x3xabc', /'abc' is not a whole number/],
      ['1x-3', /'-3' is not a whole number/],
      ['1x0x4', /a dimension is 0/],
      ['1.5x3', /'1.5' is not a whole number/],
      ['x=1x3,1x10', /'1x10' has no name/],
      ['=1x3', /has an empty name/],
      ['x=1x3,x=1x4', /input 'x' is given twice/],
      ['x=', /a shape is empty/],
    ];
    for (const [text, message] of cases) {
      const error = thrown(() => parseInputShape(text));
      expect(error.code, text).toBe('bad-input-shape');
      expect(error.message, text).toMatch(message);
    }
    expect(() => parseInputShape(3 as unknown as string)).toThrow(TypeError);
  });
});

group('resolveInputShapes', () => {
  const image = () => model({ inputs: { x: ['float32', ['batch', 3, 224, 224]] }, nodes: [op('Relu', ['x'], 'y')] });

  it('resolveInputShapes(model) uses the declared dims and sets a symbolic batch dim to 1', () => {
    expect(resolveInputShapes(image())).toEqual({ x: [1, 3, 224, 224] });
  });

  it('resolveInputShapes(model, given) lets explicit shapes win, as an array for a single input or by name', () => {
    expect(resolveInputShapes(image(), [4, 3, 64, 64])).toEqual({ x: [4, 3, 64, 64] });
    expect(resolveInputShapes(image(), { x: [2, 3, 32, 32] })).toEqual({ x: [2, 3, 32, 32] });
  });

  it('resolveInputShapes(model) names the input with unresolved dims and suggests a shape', () => {
    const m = model({ inputs: { x: ['float32', ['n', 3, 'h', 'w']] }, nodes: [op('Relu', ['x'], 'y')] });
    const error = thrown(() => resolveInputShapes(m));
    expect(error.code).toBe('unresolved-shape');
    expect(error.message).toMatch(/Input 'x' has the shape \[n, 3, h, w\] with dimensions that are not fixed/);
    expect(error.message).toMatch(/--input-shape 1x3x224x224/);
    const two = model({ inputs: { ids: ['int64', ['b', 'seq']], x: ['float32', [1, 4]] }, nodes: [op('Relu', ['x'], 'y')] });
    expect(thrown(() => resolveInputShapes(two)).message).toMatch(/Input 'ids'.*--input-shape ids=1x128/);
    const unranked = model({ inputs: { x: ['float32'] }, nodes: [op('Relu', ['x'], 'y')] });
    expect(thrown(() => resolveInputShapes(unranked)).message).toMatch(/Input 'x' has the shape of unknown rank/);
  });

  it('resolveInputShapes skips graph inputs that have an initializer (they are weights)', () => {
    const m = model({ inputs: { x: ['float32', [1, 2]], w: ['float32', [2]] }, initializers: [f32('w', [1, 2])], nodes: [op('Add', ['x', 'w'], 'y')] });
    expect(resolveInputShapes(m)).toEqual({ x: [1, 2] });
    expect(resolveInputShapes(m, [3, 2])).toEqual({ x: [3, 2] });
  });

  it('resolveInputShapes rejects unknown names, unnamed shapes for several inputs, and a wrong rank', () => {
    const two = model({ inputs: { a: ['float32', [1, 2]], b: ['float32', [1, 2]] }, nodes: [op('Add', ['a', 'b'], 'y')] });
    expect(thrown(() => resolveInputShapes(two, [1, 2])).message).toMatch(/the model has 2 inputs \(a, b\), so each shape needs a name/);
    expect(thrown(() => resolveInputShapes(two, { c: [1, 2] })).message).toMatch(/the model has no input 'c' \(inputs: a, b\)/);
    expect(thrown(() => resolveInputShapes(image(), [1, 3, 224])).message).toMatch(/input 'x' has rank 4 \(\[batch, 3, 224, 224\]\), not 3/);
    expect(() => resolveInputShapes(image(), [1, -3, 2, 2])).toThrow(TypeError);
    expect(() => resolveInputShapes(null as never)).toThrow(TypeError);
  });
});
