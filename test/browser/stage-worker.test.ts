import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { analyzeModel, balancedCuts, createSession, decodeModel, maxAbsDiff, splitModel, type TensorValue } from '../../src/model/index';
import { normalTensor } from '../../src/model/ort-run';
import { openHarness } from '../helpers/chromium';

let harness: Awaited<ReturnType<typeof openHarness>>;
let page: Page;
let problems: string[];

beforeAll(async () => {
  harness = await openHarness('test/browser/pages/worker-harness.html');
  ({ page, problems } = harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('a stage in a module Web Worker (Chromium)', () => {
  it('gives the same output as the same stage in Node', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../public/models/ppocr-cls.onnx', import.meta.url)));
    const analysis = await analyzeModel(decodeModel(bytes, 'ppocr-cls'), { name: 'ppocr-cls', inputShape: [1, 3, 48, 192] });
    const [, second] = splitModel(analysis, balancedCuts(analysis.blocks, 2));

    // the second stage's input is an activation: a seeded normal tensor of its shape
    const input: TensorValue = normalTensor(analysis.tensors.get(second.inputs[0])?.shape ?? [], 7);
    const node = await createSession(second.bytes, 'stage 1');
    const expected = (await node.run({ [second.inputs[0]]: input }))[second.outputs[0]];

    const result = await page.evaluate(([stage, name, dims, values]) => window.runStageInWorker(stage, { [name]: { dims, values } }), [
      Buffer.from(second.bytes).toString('base64'),
      second.inputs[0],
      input.dims,
      Array.from(input.data as Float32Array),
    ] as const);
    const actual = result[second.outputs[0]];
    expect(actual.dims).toEqual(expected.dims);
    const diff = maxAbsDiff(expected, { dtype: 'float32', dims: actual.dims, data: Float32Array.from(actual.values) });
    expect(diff).toBeLessThanOrEqual(1e-5);
    expect(problems).toEqual([]);
  });
});
