import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { openPage } from '../helpers/chromium';
import { floatTensor, model, node } from '../helpers/tiny-graphs';
import { counter, metrics, screenshot, waitForThroughput } from '../helpers/lab-page';
import { useLabBrowser } from '../helpers/lab-browser';

const env = useLabBrowser();

/** A chain of `count` elementwise ONNX nodes (Relu, Add), every one a single-tensor cut: a long, cheap graph. */
function longChain(count: number): Uint8Array {
  const nodes = Array.from({ length: count }, (_, i) => {
    const input = i === 0 ? 'x' : `t${i - 1}`;
    const output = i === count - 1 ? 'y' : `t${i}`;
    return i % 2 ? node('Add', [input, 'bias'], [output], `add${i}`) : node('Relu', [input], [output], `relu${i}`);
  });
  return encodeModel(model(nodes, { inputs: [['x', [1, 256]]], initializers: [floatTensor('bias', [1, 256])] }));
}

async function labPage(hash = '') {
  const opened = await openPage(env.browser, `${env.server.url}${hash}`);
  await opened.page.setViewportSize({ width: 1280, height: 720 });
  return opened;
}

describe('the lab page (npm start)', () => {
  it('starts the default scenario by itself and streams within 30 s', async () => {
    const { page, problems } = await labPage();
    const throughput = await waitForThroughput(page, 0, 30_000);
    expect(throughput).toBeGreaterThan(0);
    const m = await metrics(page);
    expect(m.model).toEqual({ name: 'ppocr-cls', blocks: 60, nodes: 471 });
    expect(m.nodes).toHaveLength(6);
    expect(m.plan?.stages.length).toBeGreaterThan(1);
    expect(await page.getByTestId('block-count').textContent()).toBe('60');
    const scenario = await page.evaluate(() => window.seiferLab.scenario());
    expect(scenario).toMatchObject({ model: 'ppocr-cls', algorithm: 'best', mode: 'real' });
    expect(new Set(scenario.nodes.map((n) => n.preset))).toEqual(new Set(['esp32-s3', 'pi1']));
    await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 40, null, { timeout: 60_000 });
    expect((await metrics(page)).verified).toBeGreaterThan(0);
    expect(await counter(page, 'lost')).toBe(0);
    expect(await counter(page, 'duplicated')).toBe(0);
    await screenshot(page, 'lab-default');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('recovers from a node killed by clicks: throughput again, nothing lost, nothing duplicated', async () => {
    const { page, problems } = await labPage();
    // steady first, so the chart shows the dip and the recovery
    await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 50, null, { timeout: 60_000 });
    const before = await metrics(page);
    const victim = before.plan?.stages[before.plan.stages.length > 1 ? 1 : 0].node as string;
    await page.getByTestId(`node-${victim}`).click();
    await page.getByTestId(`kill-${victim}`).click();
    await page.waitForFunction((id) => document.querySelector(`[data-testid=node-${id}]`)?.getAttribute('data-state') === 'down', victim, { timeout: 10_000 });
    await page.waitForFunction(
      (epoch) => {
        const m = window.seiferLab.metrics();
        return !!m && m.epoch > epoch && m.phase === 'running';
      },
      before.epoch,
      { timeout: 30_000 },
    );
    const after = await metrics(page);
    expect(after.plan?.stages.some((s) => s.node === victim)).toBe(false);
    await page.waitForFunction((done) => (window.seiferLab.metrics()?.completed ?? 0) > done + 15, after.completed, { timeout: 60_000 });
    expect(await waitForThroughput(page, 0, 5_000)).toBeGreaterThan(0);
    expect(await counter(page, 'lost')).toBe(0);
    expect(await counter(page, 'duplicated')).toBe(0);
    await screenshot(page, 'lab-recovery');
    await page.getByTestId(`revive-${victim}`).click();
    await page.waitForFunction((id) => document.querySelector(`[data-testid=node-${id}]`)?.getAttribute('data-state') === 'up', victim, { timeout: 30_000 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('cuts a link of the pipeline by clicks and routes around it', async () => {
    const { page, problems } = await labPage();
    await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 10, null, { timeout: 60_000 });
    const before = await metrics(page);
    const [a, b] = [before.plan?.stages[0].node as string, before.plan?.stages[1]?.node ?? 'dispatcher'];
    const ids = [a, b].sort((x, y) => (x === 'dispatcher' ? 1 : y === 'dispatcher' ? -1 : x.localeCompare(y, 'en', { numeric: true })));
    await page.evaluate(([x, y]) => (document.querySelector(`[data-testid=link-${x}-${y}]`) as SVGElement).dispatchEvent(new MouseEvent('click', { bubbles: true })), ids);
    await page.getByTestId(`cut-${ids[0]}-${ids[1]}`).click();
    await page.waitForFunction(
      (epoch) => {
        const m = window.seiferLab.metrics();
        return !!m && m.epoch > epoch && m.phase === 'running';
      },
      before.epoch,
      { timeout: 30_000 },
    );
    const after = await metrics(page);
    await page.waitForFunction((done) => (window.seiferLab.metrics()?.completed ?? 0) > done + 5, after.completed, { timeout: 60_000 });
    expect(await counter(page, 'lost')).toBe(0);
    expect(await counter(page, 'duplicated')).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs an uploaded .onnx file on the cluster (file picker and drag-and-drop)', async () => {
    const { page, problems } = await labPage();
    await waitForThroughput(page, 0, 60_000);
    const bytes = Buffer.from(encodeModel(buildTinyCnn()));
    await page.getByTestId('model-file').setInputFiles({ name: 'tiny.onnx', mimeType: 'application/octet-stream', buffer: bytes });
    await page.waitForFunction(() => document.querySelector('[data-testid=model-name]')?.textContent === 'tiny', null, { timeout: 60_000 });
    expect(await page.getByTestId('block-count').textContent()).toBe('17');
    await page.waitForFunction(() => window.seiferLab.metrics()?.model?.name === 'tiny' && (window.seiferLab.metrics()?.completed ?? 0) > 5, null, { timeout: 60_000 });
    expect(page.url()).toContain('model=upload');
    // the same file dropped on the page, under another name
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'dropped.onnx'));
      const target = document.querySelector('.lab') as HTMLElement;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes.toString('base64'));
    await page.waitForFunction(() => document.querySelector('[data-testid=model-name]')?.textContent === 'dropped', null, { timeout: 60_000 });
    await waitForThroughput(page, 0, 60_000);
    // a file that is not ONNX: a clear message, and the run goes on with the model it had
    await page.getByTestId('model-file').setInputFiles({ name: 'broken.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model at all') });
    await page.getByTestId('error').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('error').textContent()).toContain('broken.onnx');
    expect(await page.getByTestId('model-name').textContent()).toBe('dropped');
    expect((await metrics(page)).phase).toBe('running');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('stays responsive on a 5,000-node graph: collapsed to blocks, a stage lists its nodes virtually', async () => {
    const { page, problems } = await labPage();
    await waitForThroughput(page, 0, 60_000);
    await page.getByTestId('model-file').setInputFiles({ name: 'long-chain.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(longChain(5000)) });
    await page.waitForFunction(() => document.querySelector('[data-testid=block-count]')?.textContent === '5000', null, { timeout: 90_000 });
    expect(await page.locator('[data-testid=model-chain] rect.block').count()).toBeLessThanOrEqual(600);
    await page.waitForFunction(() => window.seiferLab.metrics()?.model?.name === 'long-chain' && (window.seiferLab.metrics()?.completed ?? 0) > 3, null, { timeout: 120_000 });
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let count = 0;
          const start = performance.now();
          const tick = () => (performance.now() - start < 3000 ? (count++, requestAnimationFrame(tick)) : resolve(count));
          requestAnimationFrame(tick);
        }),
    );
    expect(frames).toBeGreaterThan(30);
    await page.getByTestId('stage-0').click();
    await page.getByTestId('stage-node-row').first().waitFor({ timeout: 10_000 });
    const stage = (await metrics(page)).plan?.stages[0];
    const stageNodes = (stage?.lastBlock ?? 0) - (stage?.firstBlock ?? 0) + 1;
    expect(stageNodes).toBeGreaterThan(500);
    expect(await page.getByTestId('stage-node-row').count()).toBeLessThan(60);
    await page.getByTestId('stage-nodes').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction((last) => [...document.querySelectorAll('[data-testid=stage-node-row] span:first-child')].some((s) => s.textContent === String(last)), stage?.lastBlock, {
      timeout: 10_000,
    });
    expect(await page.getByTestId('stage-node-row').count()).toBeLessThan(60);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('answers a hostile link by leaving its bad fields out (and saying so), running nothing from it', async () => {
    const dialogs: string[] = [];
    const hostile = '#model=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E&nodes=%3Cscript%3Ewindow.__pwned%3D2%3C%2Fscript%3E:-:1:1';
    const { page, problems } = await labPage(hostile);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId('notice').waitFor({ timeout: 30_000 });
    const notice = (await page.getByTestId('notice').textContent()) ?? '';
    expect(notice).toContain("The scenario's model is '<img src=x onerror=");
    expect(notice).toContain("The scenario's nodes[1] id is '<script>");
    expect(notice).toContain('The page left these 2 fields out and kept the rest');
    await waitForThroughput(page, 0, 60_000);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.lab img, .lab script').count()).toBe(0);
    expect(page.url()).toContain('model=ppocr-cls');
    await page.evaluate(() => window.seiferLab.load(`#ts=${'9'.repeat(200_000)}`));
    expect(await page.getByTestId('notice').textContent()).toContain('characters');
    expect((await metrics(page)).phase).toBe('running');
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
