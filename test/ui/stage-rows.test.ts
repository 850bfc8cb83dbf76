import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { stageNodeRows } from '../../src/ui/lab/stage-rows';

describe('stageNodeRows(analysis, firstBlock, lastBlock)', () => {
  it('lists the ONNX nodes of the blocks in execution order, with their output shape and FLOPs', async () => {
    const analysis = await analyzeModel(buildTinyCnn(), { inputShape: [1, 3, 32, 32] });
    const all = stageNodeRows(analysis, 0, analysis.blocks.length - 1);
    expect(all).toHaveLength(analysis.topology.order.length);
    expect(all.map((r) => r.position)).toEqual(all.map((_, i) => i));
    expect(all[0]).toMatchObject({ block: 0, opType: 'Conv', shape: '[1x8x32x32]' });
    expect(all[0].flops).toMatch(/FLOPs$/);
    const last = stageNodeRows(analysis, analysis.blocks.length - 1, analysis.blocks.length - 1);
    expect(last.every((r) => r.block === analysis.blocks.length - 1)).toBe(true);
    expect(stageNodeRows(analysis, 5, 99).at(-1)?.position).toBe(all.length - 1);
  });
});
