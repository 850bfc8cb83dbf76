import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from '../helpers/chromium';
import { startViteServer, type TestServer } from '../helpers/vite-server';

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  server = await startViteServer();
  browser = await launchChromium();
  ({ page, problems } = await openPage(browser, `${server.url}test/browser/pages/emulator-harness.html`));
  await page.waitForFunction(() => window.harnessReady === true, null, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the emulator in Chromium (module Web Workers)', () => {
  it('streams at the predicted rate with every result verified, and survives a killed node', async () => {
    const report = await page.evaluate(() => window.runEmulation(2.5));
    expect(report.errors).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.completed).toBeGreaterThan(8);
    expect(report.faults.find((f) => f.kind === 'kill')?.outcome).toBe('replanned');
    expect(problems).toEqual([]);
  });
});
