import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/model/index';
import { runCli } from '../helpers/cli';

describe('seifer-lab split', () => {
  it('writes K stage files whose chain matches the whole model', async () => {
    const out = mkdtempSync(join(tmpdir(), 'seifer-split-'));
    const { code, stdout } = await runCli('split', 'tiny-cnn', '--stages', '4', '--out', out, '--verify', '--seed', '5', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.stages.length).toBe(4);
    expect(result.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(readdirSync(out).sort()).toEqual([0, 1, 2, 3].map((k) => `tiny-cnn.stage${k}.onnx`));
    for (const s of result.stages) {
      expect(s.bytes).toBe(readFileSync(s.file).byteLength);
      expect(decodeModel(new Uint8Array(readFileSync(s.file))).graph.nodes.length).toBeGreaterThanOrEqual(s.nodeCount);
    }
  });

  it('verifies the pretrained PaddleOCR recogniser in 4 stages', async () => {
    const result = JSON.parse((await runCli('split', 'ppocr-rec', '--stages', '4', '--verify', '--json')).stdout);
    expect(result.maxAbsDiff).toBeLessThanOrEqual(1e-4);
  });
});
