import { describe, expect, it } from 'vitest';
import { resolveNetworkOptions } from '../../src/netsim/network-options';

describe('network-options', () => {
  it('resolveNetworkOptions({}) fills in the documented defaults', () => {
    expect(resolveNetworkOptions({})).toEqual({ seed: 1, segmentBytes: 1460, minRtoMs: 200, failureDetectionMs: 0, statsWindowMs: 1000 });
  });

  it('resolveNetworkOptions(options) names the option that is wrong', () => {
    expect(() => resolveNetworkOptions({ seed: Number.NaN })).toThrow(/'options.seed'/);
    expect(() => resolveNetworkOptions({ segmentBytes: 1.5 })).toThrow(/'options.segmentBytes'/);
    expect(() => resolveNetworkOptions({ minRtoMs: -1 })).toThrow(/'options.minRtoMs'/);
    expect(() => resolveNetworkOptions({ failureDetectionMs: Infinity })).toThrow(/'options.failureDetectionMs'/);
    expect(() => resolveNetworkOptions({ statsWindowMs: 0 })).toThrow(/'options.statsWindowMs'/);
    expect(() => resolveNetworkOptions(null as never)).toThrow(TypeError);
  });
});
