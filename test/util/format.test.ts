import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatFlops, formatMs, formatRate } from '../../src/util/format';

describe('formatBytes(bytes), formatMs(ms), formatRate(perSec), formatFlops(flops)', () => {
  it('round to what a person needs, with units', () => {
    expect([formatBytes(512), formatBytes(18_432), formatBytes(110_592), formatBytes(5 * 2 ** 20), formatBytes(3 * 2 ** 30)]).toEqual(['512 B', '18.0 KiB', '108 KiB', '5.0 MiB', '3.00 GiB']);
    expect([formatMs(2.345), formatMs(85.4), formatMs(1500), formatMs(12_345), formatMs(Infinity)]).toEqual(['2.3 ms', '85 ms', '1.50 s', '12.3 s', '-']);
    expect([formatRate(null), formatRate(3.456), formatRate(11.71), formatRate(250.4)]).toEqual(['-', '3.46', '11.7', '250']);
    expect([formatFlops(35.3e6), formatFlops(3.63e9), formatFlops(900)]).toEqual(['35.3 MFLOPs', '3.63 GFLOPs', '900 FLOPs']);
  });
});

describe('formatCount(count)', () => {
  it('scales to k, M, G, T with two decimals below 10', () => {
    expect([formatCount(999), formatCount(7746), formatCount(25_636_712), formatCount(3.6e9)]).toEqual(['999', '7.75 k', '25.6 M', '3.60 G']);
  });
});
