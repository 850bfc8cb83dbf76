/**
 * The Teach tab walks SEIFER's method on two models, each step with a chart that has labelled axes and values and
 * highlights on the real cluster and model views; after a measured failure, the detection step's arithmetic is
 * that of the fault record the page's hooks report.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from '../helpers/chromium';
import { useLabBrowser } from '../helpers/lab-browser';
import { screenshot } from '../helpers/lab-page';

const env = useLabBrowser();

const STEPS = ['graph', 'partition', 'classes', 'kpath', 'bottleneck', 'optimum', 'heartbeat', 'recovery'];
/** Steps drawn on the real views: what each must highlight there. */
const FOCUS: Record<string, string[]> = {
  graph: ['teach-focus-cut'],
  partition: ['teach-focus-node', 'teach-focus-span'],
  kpath: ['teach-focus-node'],
  optimum: ['teach-focus-node', 'teach-focus-span'],
  heartbeat: ['teach-focus-node'],
};

async function figureOf(page: Page) {
  await page.getByTestId('teach-figure').waitFor({ timeout: 60_000 });
  return page.evaluate(() => {
    const svg = document.querySelector('[data-testid=teach-figure]') as SVGSVGElement;
    const texts = (id: string) => [...svg.querySelectorAll(`[data-testid=${id}]`)].map((t) => (t.textContent ?? '').trim());
    return {
      title: texts('teach-figure-title')[0] ?? '',
      xLabel: texts('teach-x-label')[0] ?? '',
      yLabel: texts('teach-y-label')[0] ?? '',
      yTicks: svg.querySelectorAll('[data-testid=teach-y-axis] .tick').length,
      xTicks: texts('teach-x-tick'),
      values: texts('teach-value'),
      bars: svg.querySelectorAll('[data-testid=teach-bar]').length,
      detectMs: svg.getAttribute('data-detect-ms'),
      periodMs: svg.getAttribute('data-period-ms'),
      misses: svg.getAttribute('data-misses'),
      limitMs: svg.getAttribute('data-limit-ms'),
      detectedBy: svg.getAttribute('data-detected-by'),
    };
  });
}

async function walk(model: string, fault: 'kill' | 'hang') {
  const { page, problems } = await openPage(env.browser, `${env.server.url}#model=${model}&mode=virtual`);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 20, null, { timeout: 90_000, polling: 250 });
  const victim = await page.evaluate(() => window.seiferLab.metrics()?.plan?.stages[0].node ?? '');
  expect(victim).not.toBe('');
  await page.evaluate(([id, how]) => (how === 'kill' ? window.seiferLab.kill(id) : window.seiferLab.hang(id)), [victim, fault] as const);
  await page.waitForFunction((id) => window.seiferLab.faults().some((f) => f.node === id && f.detectMs !== null && f.firstResultMs !== null), victim, { timeout: 60_000, polling: 250 });
  const record = (await page.evaluate(() => window.seiferLab.faults())).find((f) => f.node === victim);
  await page.getByTestId('tab-teach').click();
  for (const [i, id] of STEPS.entries()) {
    if (i > 0) await page.getByTestId('teach-next').click();
    await page.waitForFunction((want) => document.querySelector('[data-testid=teach]')?.getAttribute('data-step') === want, id, { timeout: 10_000 });
    const fig = await figureOf(page).catch(async (error: unknown) => {
      throw new Error(`${model}, step ${id}: no figure (${await page.getByTestId('teach-text').textContent()})`, { cause: error });
    });
    expect(fig.title, `${model} ${id}`).not.toBe('');
    expect(fig.xLabel, `${model} ${id}: x axis`).not.toBe('');
    expect(fig.yLabel, `${model} ${id}: y axis`).not.toBe('');
    expect(fig.yTicks, `${model} ${id}: y ticks`).toBeGreaterThanOrEqual(2);
    expect(fig.bars, `${model} ${id}: bars`).toBeGreaterThan(0);
    expect(fig.values).toHaveLength(fig.bars);
    expect(fig.xTicks).toHaveLength(fig.bars);
    for (const v of fig.values) expect(Number.isFinite(Number(v)), `${model} ${id}: value ${v}`).toBe(true);
    for (const mark of FOCUS[id] ?? []) expect(await page.getByTestId(mark).count(), `${model} ${id}: ${mark} on the real views`).toBeGreaterThan(0);
    await screenshot(page, `teach-${model}-${id}`);
    if (id === 'heartbeat') {
      const text = (await page.getByTestId('teach-text').textContent()) ?? '';
      const period = Number(fig.periodMs);
      const misses = Number(fig.misses);
      const limit = Number(fig.limitMs);
      const measured = Number(fig.detectMs);
      expect(measured).toBe(record?.detectMs);
      expect(fig.detectedBy).toBe(record?.detectedBy);
      expect(text).toContain(`${misses} × ${period} ms = ${misses * period} ms`);
      expect(fig.values).toContain(String(period));
      if (record?.detectedBy === 'heartbeats') {
        // the last answer came at most one period before the fault; the check runs once a period
        expect(measured).toBeGreaterThan(limit - period);
        expect(measured).toBeLessThanOrEqual(limit + period + 1);
        expect(text).toContain(`= ${(measured / period).toFixed(1)} periods`);
      } else {
        expect(text).toContain('refused');
        expect(measured).toBeLessThan(limit - period);
      }
    }
  }
  // leaving the tab takes the highlights off the real views
  await page.getByTestId('tab-metrics').click();
  expect(await page.getByTestId('teach-focus-node').count()).toBe(0);
  expect(problems).toEqual([]);
  await page.close();
}

describe('the Teach tab', () => {
  it('walks every step on ppocr-cls after a kill, with the measured detection', async () => {
    await walk('ppocr-cls', 'kill');
  });
  it('walks every step on tiny-cnn after a hang, found by heartbeats', async () => {
    await walk('tiny-cnn', 'hang');
  });
});
