/**
 * Pace and load. Virtual time runs up to ten times faster than the wall clock (a fault scripted 30 emulated seconds in comes
 * within a few real ones); a real run whose deploy would take long offers virtual mode or stages already deployed;
 * the in-flight window is a control, and Little's law, stated with the measured figures, matches the measured latency.
 */
import { describe, expect, it } from 'vitest';
import { openPage } from '../helpers/chromium';
import { useLabBrowser } from '../helpers/lab-browser';

const env = useLabBrowser();
const NODES = 'nodes=n1:esp32-s3:8:0.12,n2:esp32-s3:8:0.12,n3:esp32-s3:8:0.12,n4:esp32-s3:8:0.12';

describe('pace', () => {
  it('runs virtual time ten times faster than the wall clock at 0.1', async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}#mode=virtual&${NODES}&bw=20&faults=kill:n1@30`);
    await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 0, null, { timeout: 60_000 });
    expect(await page.getByTestId('time-scale').locator('option').allTextContents()).toEqual(expect.arrayContaining(['0.1 (10x faster)', '10 (10x slower)']));
    await page.getByTestId('time-scale').selectOption('0.1');
    const started = Date.now();
    // 30 emulated seconds: about 3 s of wall time at ten times (a few more on a busy machine), never 30
    await page.waitForFunction(() => window.seiferLab.faults().some((f) => f.kind === 'kill'), null, { timeout: 15_000, polling: 100 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await page.evaluate(() => window.seiferLab.scenario())).timeScale).toBe(0.1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('offers virtual mode or stages already deployed when a real deploy would take long', async () => {
    // 0.2 Mbit/s from the dispatcher: the stage models would take tens of seconds to arrive
    const { page, problems } = await openPage(env.browser, `${env.server.url}#mode=real&${NODES}&bw=0.2`);
    await page.getByTestId('deploy-offer').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('cluster-status').textContent()).toMatch(/about \d+ s left/);
    await page.getByTestId('offer-predeployed').click();
    await page.waitForFunction(() => window.seiferLab.scenario().predeployed === true && window.seiferLab.metrics()?.phase === 'running', null, { timeout: 30_000, polling: 200 });
    expect(page.url()).toContain('pre=1');
    expect(await page.getByTestId('deploy-offer').count()).toBe(0);
    // the other offer, from a fresh real run
    await page.evaluate(() => window.seiferLab.load('#pre=0'));
    await page.getByTestId('offer-virtual').click({ timeout: 60_000 });
    await page.waitForFunction(() => window.seiferLab.scenario().mode === 'virtual' && window.seiferLab.metrics()?.phase === 'running', null, { timeout: 30_000, polling: 200 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("explains latency by Little's law, and a smaller window lowers it", async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}#lesson=split&load=closed:8`);
    const law = page.getByTestId('littles-law');
    const read = async () => ({
      pending: Number(await law.getAttribute('data-pending')),
      littleMs: Number(await law.getAttribute('data-latency-ms')),
      p50: (await page.evaluate(() => window.seiferLab.metrics()?.latencyMs.p50)) ?? NaN,
    });
    await page.getByTestId('tab-metrics').click();
    await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 60, null, { timeout: 60_000 });
    const eight = await read();
    expect(eight.pending).toBe(8);
    // Little's law with the measured figures lands near the measured median latency
    expect(eight.littleMs).toBeGreaterThan(eight.p50 * 0.6);
    expect(eight.littleMs).toBeLessThan(eight.p50 * 1.6);
    await page.getByTestId('load-window').fill('1');
    await page.getByTestId('load-window').press('Enter');
    expect(page.url()).toContain('load=closed:1');
    const at = (await page.evaluate(() => window.seiferLab.metrics()?.completed)) ?? 0;
    await page.waitForFunction((n) => (window.seiferLab.metrics()?.completed ?? 0) > n + 40, at, { timeout: 60_000 });
    const one = await read();
    expect(one.pending).toBeLessThanOrEqual(1);
    // one at a time: the pipeline's own latency (its stages and hops end to end), no queueing
    expect(one.p50).toBeLessThan(eight.p50 * 0.7);
    await page.getByTestId('load-mode').selectOption('open');
    expect((await page.evaluate(() => window.seiferLab.scenario())).load.mode).toBe('open');
    expect(problems).toEqual([]);
    await page.close();
  });
});
