/**
 * Each ready lesson opens from its link, runs and shows its point, measured: a model split because no node can
 * hold it; the same model slower on slow links; SEIFER's plan well behind the optimum; a scripted kill that lowers
 * predicted and measured throughput, with nothing lost or duplicated.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from '../helpers/chromium';
import { useLabBrowser } from '../helpers/lab-browser';
import { metrics } from '../helpers/lab-page';

const env = useLabBrowser();

async function completed(page: Page, atLeast: number, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction((n) => (window.seiferLab.metrics()?.completed ?? 0) >= n, atLeast, { timeout: timeoutMs, polling: 200 });
}

describe('the lessons', () => {
  it('why split: no node holds the model, so it runs in stages, and the notes say so', async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}#lesson=split`);
    await completed(page, 20);
    const m = await metrics(page);
    const scenario = await page.evaluate(() => window.seiferLab.scenario());
    expect(m.plan?.stages.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...scenario.nodes.map((n) => n.memoryBytes))).toBeLessThan(9 * 2 ** 20);
    expect(await page.getByTestId('presenter-notes').textContent()).toContain('cannot hold the model');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('bandwidth matters: the same model and nodes serve far fewer requests on slow links', async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}#lesson=bandwidth-fast`);
    await completed(page, 40);
    const fast = await metrics(page);
    // the page's own lesson link, as a lecturer would click it
    await page.getByTestId('lessons').click();
    await page.getByTestId('lesson-bandwidth-slow').click();
    await page.waitForFunction(() => window.seiferLab.scenario().links[0][1].bandwidthMbps === 1 && (window.seiferLab.metrics()?.predicted ?? Infinity) < 5, null, { timeout: 30_000 });
    await completed(page, 6, 90_000);
    const slow = await metrics(page);
    expect(fast.predicted).not.toBeNull();
    expect(slow.predicted as number).toBeLessThan((fast.predicted as number) / 5);
    expect(slow.throughput).toBeLessThan(fast.throughput / 3);
    expect(slow.plan?.bottleneckMs).toBeGreaterThan(800);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("SEIFER vs the optimum: K-path's bottleneck is several times the optimum's, and the Teach tab says why", async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}#lesson=seifer-vs-optimum`);
    await completed(page, 5);
    await page.waitForFunction(() => window.seiferLab.comparison() !== null, null, { timeout: 60_000 });
    const rows = (await page.evaluate(() => window.seiferLab.comparison())) ?? [];
    const of = (name: string) => rows.find((r) => r.algorithm === name)?.bottleneckMs ?? NaN;
    expect(of('kpath')).toBeGreaterThan(4 * of('optimal'));
    // the run is SEIFER's own plan
    expect((await metrics(page)).plan?.bottleneckMs).toBeCloseTo(of('kpath'), 0);
    for (let i = 0; i < 5; i++) await page.getByTestId('teach-next').click();
    expect(await page.getByTestId('teach-text').textContent()).toMatch(/kpath's plan is [\d.]+ % slower than optimal's/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('failure and recovery: the scripted kill lowers predicted and measured throughput; nothing lost or duplicated', async () => {
    // twice as fast as the wall clock: the kill comes 12 emulated seconds in
    const { page, problems } = await openPage(env.browser, `${env.server.url}#lesson=recovery&ts=0.5`);
    expect(await page.getByTestId('fault-timeline').textContent()).toContain('kill n2 at 12 s');
    await completed(page, 30);
    const before = await page.evaluate(() => ({ m: window.seiferLab.metrics(), faults: window.seiferLab.faults().length }));
    expect(before.faults).toBe(0);
    await page.waitForFunction(() => window.seiferLab.faults().some((f) => f.kind === 'kill' && f.firstResultMs !== null), null, { timeout: 60_000, polling: 200 });
    const at = (await metrics(page)).completed;
    // well past the recovery: the throughput window holds only the smaller plan's answers
    await completed(page, at + 40);
    const after = await metrics(page);
    expect(after.plan?.stages.map((s) => s.node)).not.toContain('n2');
    expect(after.predicted as number).toBeLessThan(0.85 * (before.m?.predicted as number));
    expect(after.throughput).toBeLessThan(0.85 * (before.m?.throughput as number));
    expect(after.lost).toBe(0);
    expect(after.duplicated).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
