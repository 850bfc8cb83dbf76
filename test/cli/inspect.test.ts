import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('seifer-lab inspect', () => {
  it('reports ResNet-50 with 25.6 M parameters and its 41 SEIFER cut points', async () => {
    const { code, stdout } = await runCli('inspect', 'resnet50', '--json');
    expect(code).toBe(0);
    const s = JSON.parse(stdout);
    expect(Math.abs(s.paramCount / 25_636_712 - 1)).toBeLessThan(0.02);
    expect(s.cutCount).toBe(41);
    expect(s.blocks.length).toBeGreaterThanOrEqual(16);
    expect(s).toMatchObject({ name: 'resnet50', opset: 13, inputs: [{ shape: [1, 3, 224, 224], dtype: 'float32' }], outputs: [{ shape: [1, 1000] }] });
    expect(s.blocks.reduce((sum: number, b: { nodeCount: number }) => sum + b.nodeCount, 0)).toBe(s.nodeCount);
    expect(s.blocks.reduce((sum: number, b: { flops: number }) => sum + b.flops, 0)).toBeCloseTo(s.flops, -3);
  });

  it('takes --input-shape for models with free dimensions', async () => {
    const s = JSON.parse((await runCli('inspect', 'ppocr-cls', '--input-shape', '1x3x48x96', '--json')).stdout);
    expect(s.inputs[0].shape).toEqual([1, 3, 48, 96]);
    expect(s.cutCount).toBe(59);
  });

  it('prints a block table without --json', async () => {
    const { stdout } = await runCli('inspect', 'tiny-cnn');
    expect(stdout).toMatch(/tiny-cnn: opset 13/);
    expect(stdout).toMatch(/^block\s+nodes\s+last node/m);
  });
});
