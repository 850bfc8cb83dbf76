import { describe, expect, it } from 'vitest';
import * as signal from '../../../src/model/zoo/signal-scale';

describe('signal-scale', () => {
  const unit = { symmetric: 1, positive: 0 };

  it('afterRelu() halves a symmetric signal and keeps a positive one', () => {
    expect(signal.afterRelu(unit)).toEqual({ symmetric: 0, positive: 0.5 });
    expect(signal.afterRelu({ symmetric: 0.2, positive: 2 })).toEqual({ symmetric: 0, positive: 2.1 });
  });

  it('afterHeLinear() doubles the energy (He gain), less the share of taps on padding', () => {
    expect(signal.afterHeLinear(signal.UNIFORM_INPUT)).toEqual({ symmetric: 2 / 3, positive: 0 });
    expect(signal.afterHeLinear(unit, 0.5)).toEqual({ symmetric: 1, positive: 0 });
  });

  it('afterBatchNorm() with var = the forecast energy gives gamma^2', () => {
    const x = { symmetric: 3, positive: 1 };
    const y = signal.afterBatchNorm(x, 0.5, signal.totalMeanSquare(x), 0);
    expect(signal.totalMeanSquare(y)).toBeCloseTo(0.25, 12);
  });

  it('afterSwish() and afterSigmoid() integrate a unit Gaussian (E[swish^2] = 0.3558, E[sigmoid^2] = 0.2933)', () => {
    expect(signal.afterSwish(unit).positive).toBeCloseTo(0.3558, 3);
    expect(signal.afterSigmoid(unit).positive).toBeCloseTo(0.2933, 3);
  });

  it('afterAdd(), afterScale() and afterConcat() combine energies', () => {
    expect(signal.afterAdd(unit, { symmetric: 0, positive: 2 })).toEqual({ symmetric: 1, positive: 2 });
    expect(signal.afterScale({ symmetric: 1, positive: 4 }, 0.5)).toEqual({ symmetric: 0.25, positive: 1 });
    expect(
      signal.afterConcat([
        { scale: unit, channels: 1 },
        { scale: { symmetric: 4, positive: 0 }, channels: 3 },
      ]),
    ).toEqual({ symmetric: 3.25, positive: 0 });
  });
});
