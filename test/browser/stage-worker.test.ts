import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { analyzeModel, balancedCuts, createSession, decodeModel, maxAbsDiff, splitModel, type TensorValue } from '../../src/model/index';
import { normalTensor } from '../../src/model/ort-run';
import { launchChromium, openPage } from '../helpers/chromium';
import { startViteServer, type TestServer } from '../helpers/vite-server';

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  server = await startViteServer();
  browser = await launchChromium();
  ({ page, problems } = await openPage(browser, `${server.url}test/browser/pages/worker-harness.html`));
  await page.waitForFunction(() => window.harnessReady === true, null, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a stage in a module Web Worker (Chromium)', () => {
  it('gives the same output as the same stage in Node', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../public/models/ppocr-cls.onnx', import.meta.url)));
    const analysis = await analyzeModel(decodeModel(bytes, 'ppocr-cls'), { name: 'ppocr-cls', inputShape: [1, 3, 48, 192] });
    const [, second] = splitModel(analysis, balancedCuts(analysis.blocks, 2));

    // the second stage's input is an activation: make one by running the first stage in Node
    const input: TensorValue = normalTensor(await boundaryShape(analysis, second.inputs[0]), 7);
    const node = await createSession(second.bytes, 'stage 1');
    const expected = (await node.run({ [second.inputs[0]]: input }))[second.outputs[0]];

    const result = await page.evaluate(
      ([stage, name, dims, values]) => window.runStageInWorker(stage, { [name]: { dims, values } }),
      [Buffer.from(second.bytes).toString('base64'), second.inputs[0], input.dims, Array.from(input.data as Float32Array)] as const,
    );
    const actual = result[second.outputs[0]];
    expect(actual.dims).toEqual(expected.dims);
    const diff = maxAbsDiff(expected, { dtype: 'float32', dims: actual.dims, data: Float32Array.from(actual.values) });
    expect(diff).toBeLessThanOrEqual(1e-5);
    expect(problems).toEqual([]);
  });
});

async function boundaryShape(analysis: Awaited<ReturnType<typeof analyzeModel>>, tensor: string): Promise<number[]> {
  const shape = analysis.tensors.get(tensor)?.shape;
  if (!shape) throw new Error(`no shape for ${tensor}`);
  return shape;
}
