import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from '../helpers/chromium';
import { counter, metrics } from '../helpers/lab-page';
import { startViteServer, type TestServer } from '../helpers/vite-server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startViteServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const completedAbove = (page: Page, n: number, timeout = 60_000) => page.waitForFunction((k) => (window.seiferLab.metrics()?.completed ?? 0) > k, n, { timeout });
const runningAfter = (page: Page, epoch: number) =>
  page.waitForFunction(
    (e) => {
      const m = window.seiferLab.metrics();
      return !!m && m.epoch > e && m.phase === 'running';
    },
    epoch,
    { timeout: 30_000 },
  );
const nodeState = (page: Page, id: string, state: string) =>
  page.waitForFunction(([n, s]) => document.querySelector(`[data-testid=node-${n}]`)?.getAttribute('data-state') === s, [id, state] as const, { timeout: 30_000 });

describe('faults in the page, counted by the exact ledger', () => {
  it('kills, hangs and degrades by clicks; the dispatcher notices each, and nothing is lost or duplicated', async () => {
    // the default scenario in virtual time, four times faster than real time
    const { page, problems } = await openPage(browser, `${server.url}#mode=virtual&ts=0.25`);
    await page.setViewportSize({ width: 1280, height: 720 });
    await completedAbove(page, 30);

    // kill the second stage's node
    let m = await metrics(page);
    const killed = m.plan?.stages[Math.min(1, m.plan.stages.length - 1)].node as string;
    await page.getByTestId(`node-${killed}`).click();
    await page.getByTestId(`kill-${killed}`).click();
    await runningAfter(page, m.epoch);
    await nodeState(page, killed, 'down');
    m = await metrics(page);
    await completedAbove(page, m.completed + 20);

    // hang the first stage's node: missed heartbeats give it away
    m = await metrics(page);
    const hung = m.plan?.stages[0].node as string;
    await page.getByTestId(`node-${hung}`).click();
    await page.getByTestId(`hang-${hung}`).click();
    await runningAfter(page, m.epoch);
    await nodeState(page, hung, 'down');
    m = await metrics(page);
    await completedAbove(page, m.completed + 20);

    // degrade the link between the first two stages (or the first stage and the dispatcher)
    m = await metrics(page);
    const stages = m.plan?.stages ?? [];
    const [a, b] = stages.length > 1 ? [stages[0].node, stages[1].node] : [stages[0].node, 'dispatcher'];
    await page.getByTestId(`node-${a}`).click();
    await page.getByTestId(`link-picker-${a}`).selectOption(b);
    const degrade = page.locator(`[data-testid=degrade-${a}-${b}], [data-testid=degrade-${b}-${a}]`);
    await degrade.first().click();
    await completedAbove(page, m.completed + 20);

    // the exact ledger: nothing lost, nothing duplicated, and the counters show the same numbers as the hooks
    m = await metrics(page);
    expect(await counter(page, 'lost')).toBe(0);
    expect(await counter(page, 'duplicated')).toBe(0);
    expect([m.lost, m.duplicated]).toEqual([0, 0]);
    expect(m.resends).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('in-flight').textContent())).toBeGreaterThanOrEqual(0);
    expect(Number(await page.getByTestId('awaiting-resend').textContent())).toBeGreaterThanOrEqual(0);
    await page.getByTestId('tab-events').click();
    const log = await page.getByTestId('event-log').textContent();
    expect(log).toMatch(new RegExp(`noticed: ${killed} is down`));
    expect(log).toMatch(new RegExp(`noticed: ${hung} is down \\(missed heartbeats\\)`));
    expect(log).toMatch(/degrade /);
    expect(problems).toEqual([]);
    await page.close();
  });
});
