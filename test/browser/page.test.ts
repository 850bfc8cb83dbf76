import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../helpers/chromium';
import { startViteServer, type TestServer } from '../helpers/vite-server';
import { serveStatic } from '../helpers/static-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startViteServer();
  });
  afterAll(async () => server?.close());

  it('loads the default model and shows its blocks (npm start)', async () => {
    const { page, problems } = await openPage(browser, server.url);
    await page.getByTestId('block-count').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('block-count').textContent()).toBe('60');
    expect(await page.getByTestId('block-row').count()).toBe(60);
    expect(problems).toEqual([]);
  });

  it('builds a generated model in the browser when picked', async () => {
    const { page, problems } = await openPage(browser, server.url);
    await page.getByTestId('block-count').waitFor({ timeout: 60_000 });
    await page.getByTestId('model-picker').selectOption('tiny-cnn');
    await page.waitForFunction(() => document.querySelector('[data-testid=block-count]')?.textContent === '17', null, { timeout: 60_000 });
    expect(problems).toEqual([]);
  });
});

describe('the built site (npm run build)', () => {
  it('works from a sub-path of a static host', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'seifer-dist-'));
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
    const host = await serveStatic(outDir, '/labs/seifer/');
    try {
      const { page, problems } = await openPage(browser, host.url);
      await page.getByTestId('block-count').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('block-count').textContent()).toBe('60');
      expect(problems).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
