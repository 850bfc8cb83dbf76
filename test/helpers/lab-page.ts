/** Browser-test helpers for the lab page: waiting on its counters and hooks, saving screenshots for the docs. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/**
 * Every run saves its screenshots under test-results/screenshots/ (not committed); with SEIFER_UPDATE_SCREENSHOTS=1
 * they go to docs/screenshots/, which the README shows, so an ordinary test run leaves the checkout clean.
 */
export const SCREENSHOTS = fileURLToPath(
  new URL(process.env.SEIFER_UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../test-results/screenshots/', import.meta.url),
);

/** The throughput counter shows more than `min` requests per second. */
export async function waitForThroughput(page: Page, min = 0, timeoutMs = 60_000): Promise<number> {
  await page.waitForFunction((m) => Number(document.querySelector('[data-testid=throughput]')?.textContent) > m, min, { timeout: timeoutMs, polling: 250 });
  return Number(await page.getByTestId('throughput').textContent());
}

export async function counter(page: Page, testid: 'throughput' | 'completed' | 'lost' | 'duplicated'): Promise<number> {
  return Number(await page.getByTestId(testid).textContent());
}

export async function metrics(page: Page) {
  const m = await page.evaluate(() => window.seiferLab.metrics());
  if (!m) throw new Error('the lab is not running');
  return m;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}
