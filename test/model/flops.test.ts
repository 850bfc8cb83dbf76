import { describe, expect, it } from 'vitest';
import { nodeFlops } from '../../src/model/flops';
import { node } from '../helpers/tiny-graphs';

const shapes = (map: Record<string, number[]>) => (name: string) => map[name];

describe('nodeFlops(node, shapeOf)', () => {
  it('is 2 x MACs for Conv (grouped too)', () => {
    // out 1x8x10x10, W 8x(4/2)x3x3 -> 800 outputs x 18 MACs
    expect(nodeFlops(node('Conv', ['x', 'w'], ['y']), shapes({ x: [1, 4, 10, 10], w: [8, 2, 3, 3], y: [1, 8, 10, 10] }))).toBe(2 * 800 * 18);
  });

  it('is 2 x MACs for ConvTranspose, counted from the input side', () => {
    expect(nodeFlops(node('ConvTranspose', ['x', 'w'], ['y']), shapes({ x: [1, 4, 5, 5], w: [4, 3, 2, 2], y: [1, 3, 10, 10] }))).toBe(2 * 100 * 12);
  });

  it('is 2 x M x N x K for Gemm, honouring transA', () => {
    const g = node('Gemm', ['a', 'b'], ['y']);
    expect(nodeFlops(g, shapes({ a: [2, 5], b: [5, 3], y: [2, 3] }))).toBe(2 * 2 * 3 * 5);
    const t = node('Gemm', ['a', 'b'], ['y'], 'g', [{ name: 'transA', kind: 'int', value: 1 }]);
    expect(nodeFlops(t, shapes({ a: [5, 2], b: [5, 3], y: [2, 3] }))).toBe(2 * 2 * 3 * 5);
  });

  it('is 2 x batch x M x N x K for batched MatMul', () => {
    expect(nodeFlops(node('MatMul', ['a', 'b'], ['y']), shapes({ a: [4, 2, 5], b: [5, 3], y: [4, 2, 3] }))).toBe(2 * 24 * 5);
  });

  it('is the output element count for everything else', () => {
    expect(nodeFlops(node('Relu', ['x'], ['y']), shapes({ x: [2, 3], y: [2, 3] }))).toBe(6);
    expect(nodeFlops(node('Split', ['x'], ['a', 'b']), shapes({ x: [4], a: [2], b: [2] }))).toBe(4);
  });
});
