import { describe, expect, it } from 'vitest';
import { bindInputValues, parseInputValues } from '../../src/model/input-values';
import { thrownSeiferError as thrown } from '../helpers/asserts';
import { model, node } from '../helpers/tiny-graphs';

describe('parseInputValues(texts)', () => {
  it('reads name=number and name=[list], one input per text', () => {
    expect(parseInputValues([])).toEqual({});
    expect(parseInputValues(['sr=16000', ' gain = [0.5, 2] '])).toEqual({ sr: [16000], gain: [0.5, 2] });
  });

  it('rejects a missing name, a non-number, an empty list and a name given twice', () => {
    const cases: [string[], RegExp][] = [
      [['16000'], /'16000' cannot be used: it names no input/],
      [['sr=abc'], /'abc' is not a finite number/],
      [['sr=[]'], /the list is empty/],
      [['sr=1', 'sr=2'], /input 'sr' is given a value twice/],
    ];
    for (const [texts, message] of cases) {
      const error = thrown(() => parseInputValues(texts));
      expect(error.code).toBe('bad-input-value');
      expect(error.message).toMatch(message);
    }
  });
});

describe('bindInputValues(model, values)', () => {
  const withRate = (shape?: (number | string)[]) => {
    const m = model([node('Relu', ['x'], ['y'])]);
    m.graph.inputs.push(shape ? { name: 'sr', dtype: 'int64', shape } : { name: 'sr', dtype: 'int64' });
    return m;
  };

  it('turns the input into an initializer of its declared type and shape, and gives the value as a feed', () => {
    const { model: bound, feeds } = bindInputValues(withRate([]), { sr: [16000] });
    expect(bound.graph.inputs.map((i) => i.name)).toEqual(['x']);
    const t = bound.graph.initializers.find((i) => i.name === 'sr');
    expect(t && { dtype: t.dtype, dims: t.dims, value: Array.from(new BigInt64Array(t.data.slice().buffer)) }).toEqual({ dtype: 'int64', dims: [], value: [16000n] });
    expect(feeds.sr).toEqual({ dtype: 'int64', dims: [], data: BigInt64Array.from([16000n]) });
    expect(bindInputValues(withRate(['n']), { sr: [1, 2, 3] }).model.graph.initializers.at(-1)?.dims).toEqual([3]);
    expect(bindInputValues(withRate(), { sr: [8000] }).model.graph.initializers.at(-1)?.dims).toEqual([]);
  });

  it('rejects an unknown input, a count the shape cannot hold and a value the type cannot hold', () => {
    expect(thrown(() => bindInputValues(withRate([]), { rate: [1] })).message).toMatch(/the model has no input 'rate' \(inputs: x, sr\)/);
    expect(thrown(() => bindInputValues(withRate([2]), { sr: [1] })).message).toMatch(/input 'sr' has the shape \[2\], which does not hold 1 value/);
    expect(thrown(() => bindInputValues(withRate([]), { sr: [1.5] })).message).toMatch(/the input holds int64, which cannot represent 1.5/);
  });
});
