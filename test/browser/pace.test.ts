/**
 * Pace: virtual time runs up to ten times faster than the wall clock (a fault scripted 30 emulated seconds in comes
 * within a few real ones); a real run whose deploy would take long offers virtual mode or stages already deployed.
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
});
