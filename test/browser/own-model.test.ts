/**
 * A researcher's own model: one with free input dimensions loads through the input shapes form and streams,
 * checked against the whole model; exported figures carry a title, axis labels and a legend.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import { encodeModel } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { openPage } from '../helpers/chromium';
import { metrics } from '../helpers/lab-page';
import { useLabBrowser } from '../helpers/lab-browser';

const env = useLabBrowser();
const folder = mkdtempSync(join(tmpdir(), 'seifer-researcher-'));

async function downloaded(download: Download): Promise<string> {
  const path = join(folder, download.suggestedFilename());
  await download.saveAs(path);
  return readFileSync(path, 'utf8');
}

describe('a model with free input dimensions', () => {
  it('asks for the sizes in a form, then streams, results checked against the whole model; its figures export with titles, axes and legends', async () => {
    // the zoo's tiny CNN, its input declared [N, 3, H, W] as exporters write it
    const free = buildTinyCnn();
    free.graph.inputs = free.graph.inputs.map((input) => ({ ...input, shape: ['N', 3, 'H', 'W'] }));
    free.graph.outputs = free.graph.outputs.map(({ name, dtype }) => ({ name, dtype }));
    const file = join(folder, 'free-dims.onnx');
    writeFileSync(file, encodeModel(free));
    const { page, problems } = await openPage(env.browser, env.server.url);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 0, null, { timeout: 60_000 });
    await page.getByTestId('model-file').setInputFiles(file);
    await page.getByTestId('shape-input').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('shape-input').inputValue()).toBe('1 x 3 x H x W');
    const message = (await page.getByTestId('error').textContent()) ?? '';
    expect(message).toContain('input [N, 3, H, W]');
    expect(message).toContain('Input shapes form');
    expect(message).not.toContain('--');
    // the failed load leaves no progress bar behind, and the run it had goes on
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('progress').count()).toBe(0);
    expect((await metrics(page)).model?.name).toBe('ppocr-cls');
    // a name left in: the form says what to do, in its own words
    await page.getByTestId('shape-apply').click();
    expect(await page.getByTestId('shape-problem').textContent()).toContain("'H' is not a size yet");
    await page.getByTestId('shape-input').fill('1 x 3 x 32 x 32');
    await page.getByTestId('shape-apply').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=model-name]')?.textContent === 'free-dims', null, { timeout: 60_000 });
    expect(await page.getByTestId('shape-form').count()).toBe(0);
    expect(await page.getByTestId('error').count()).toBe(0);
    await page.waitForFunction(
      () => window.seiferLab.metrics()?.model?.name === 'free-dims' && (window.seiferLab.metrics()?.verified ?? 0) > 0 && (window.seiferLab.metrics()?.completed ?? 0) > 5,
      null,
      { timeout: 90_000 },
    );
    const m = await metrics(page);
    expect(m.completed).toBeGreaterThan(5);
    expect([m.lost, m.duplicated, m.errors]).toEqual([0, 0, 0]);

    // exported figures say what they show
    await page.getByTestId('export').click();
    const throughput = await downloaded((await Promise.all([page.waitForEvent('download'), page.getByTestId('export-throughput-svg').click()]))[0]);
    for (const text of ['Throughput (requests/s)', 'measured', 'predicted', 'time since the start (s)', '>requests/s<']) expect(throughput).toContain(text);
    const cluster = await downloaded((await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cluster-svg').click()]))[0]);
    for (const text of ['free-dims on 6 nodes, planned by best', 'stage 1 · ', 'bottleneck', 'link (width by bandwidth)']) expect(cluster).toContain(text);
    const chain = await downloaded((await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model-svg').click()]))[0]);
    expect(chain).toContain('x: blocks in execution order, width by FLOPs');
    expect(problems).toEqual([]);
    await page.close();
  });
});
