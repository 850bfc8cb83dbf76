import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('seifer-lab profile', () => {
  it('prints the block chain the planner consumes', async () => {
    const { code, stdout } = await runCli('profile', 'tiny-cnn', '--json');
    expect(code).toBe(0);
    const p = JSON.parse(stdout);
    expect(p.model).toBe('tiny-cnn');
    expect(p.inputBytes).toBe(3 * 32 * 32 * 4);
    expect(p.outputBytes).toBe(40);
    expect(p.blocks.length).toBe(17);
    for (const b of p.blocks) expect(Object.keys(b).sort()).toEqual(['flops', 'memoryBytes', 'name', 'outBytes', 'outTensors']);
    expect(p.blocks[p.blocks.length - 1].outBytes).toBe(p.outputBytes);
  });
});
