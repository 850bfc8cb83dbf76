import { describe as group, expect, it } from 'vitest';
import { thrownSeiferError } from '../../helpers/asserts';
import { combineInputShapes, describeInputs, parseInputShape, resolveInputShapes } from '../../../src/model/shapes';
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

group('combineInputShapes', () => {
  it('combineInputShapes(texts) joins repeated --input-shape options and comma-separated parts', () => {
    expect(combineInputShapes([])).toBeUndefined();
    expect(combineInputShapes(['1x3x8x8'])).toEqual([1, 3, 8, 8]);
    expect(combineInputShapes(['x=1x16000', 'h=2x1x64,c=2x1x64', 'x=1x16000'])).toEqual({ x: [1, 16000], h: [2, 1, 64], c: [2, 1, 64] });
  });

  it('combineInputShapes(texts) names both parts of a conflict, and wants names when there are several', () => {
    const conflict = thrown(() => combineInputShapes(['x=1x16000', 'h=2x1x64', 'x=1x8000']));
    expect(conflict.code).toBe('bad-input-shape');
    expect(conflict.message).toMatch(/'x=1x8000' cannot be used: input 'x' is 1x8000 here but 1x16000 in 'x=1x16000'/);
    expect(thrown(() => combineInputShapes(['1x16000', 'h=2x1x64'])).message).toMatch(/'1x16000' cannot be used: it has no input name, but 2 input shapes are given/);
  });
});

group('named dimensions', () => {
  // a voice-activity detector's inputs: audio and two recurrent states sharing the batch dimension
  const vad = () =>
    model({
      inputs: { x: ['float32', ['batch', 'samples']], h: ['float32', [2, 'batch', 64]], c: ['float32', [2, 'batch', 64]] },
      nodes: [op('Relu', ['x'], 'y')],
    });

  it('resolveInputShapes binds a named dimension once: batch from x fixes h and c', () => {
    expect(resolveInputShapes(vad(), { x: [1, 16000] })).toEqual({ x: [1, 16000], h: [2, 1, 64], c: [2, 1, 64] });
    expect(resolveInputShapes(vad(), { h: [2, 3, 64] }, { samples: 512 })).toEqual({ x: [3, 512], h: [2, 3, 64], c: [2, 3, 64] });
  });

  it('resolveInputShapes takes partial shapes (null = from the model) and named-dim bindings', () => {
    expect(resolveInputShapes(vad(), { x: [null, 8000] })).toEqual({ x: [1, 8000], h: [2, 1, 64], c: [2, 1, 64] });
    expect(resolveInputShapes(vad(), {}, { batch: 4, samples: 256 })).toEqual({ x: [4, 256], h: [2, 4, 64], c: [2, 4, 64] });
  });

  it('resolveInputShapes names both sides when one named dimension gets two values', () => {
    const error = thrown(() => resolveInputShapes(vad(), { x: [1, 16000], h: [2, 2, 64] }));
    expect(error.code).toBe('bad-input-shape');
    expect(error.message).toMatch(/'h=2x2x64' cannot be used: dimension 'batch' is 2 here but 1 in x=1x16000/);
    expect(thrown(() => resolveInputShapes(vad(), { x: [1, 16000] }, { batch: 2 })).message).toMatch(/dimension 'batch' is 1 here but 2 in batch=2/);
  });

  it('resolveInputShapes still asks for a named dimension nobody fixed, suggesting what is known', () => {
    const error = thrown(() => resolveInputShapes(vad()));
    expect(error.code).toBe('unresolved-shape');
    expect(error.message).toMatch(/Input 'x' has the shape \[batch, samples\] with dimensions that are not fixed.*--input-shape x=1x128/);
  });

  it('describeInputs(model) lists each real input with its declared dims and a value to prefill per dim', () => {
    const m = vad();
    m.graph.inputs.push({ name: 'w', dtype: 'float32', shape: [4] }, { name: 'ids', dtype: 'int64', shape: ['?', 'seq'] });
    m.graph.initializers.push(f32('w', [1, 2, 3, 4]));
    expect(describeInputs(m)).toEqual([
      { name: 'x', dtype: 'float32', dims: ['batch', 'samples'], suggested: [1, null] },
      { name: 'h', dtype: 'float32', dims: [2, 'batch', 64], suggested: [2, 1, 64] },
      { name: 'c', dtype: 'float32', dims: [2, 'batch', 64], suggested: [2, 1, 64] },
      { name: 'ids', dtype: 'int64', dims: [null, 'seq'], suggested: [1, null] },
    ]);
    expect(describeInputs(m, { h: [2, 8, 64] }, { samples: 16000 }).map((d) => d.suggested)).toEqual([
      [8, 16000],
      [2, 8, 64],
      [2, 8, 64],
      [1, null],
    ]);
    const unranked = model({ inputs: { x: ['float32'] }, nodes: [op('Relu', ['x'], 'y')] });
    expect(describeInputs(unranked)).toEqual([{ name: 'x', dtype: 'float32', dims: null, suggested: null }]);
  });
});
