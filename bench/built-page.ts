/**
 * The built lab page (vite build into a temporary folder), served on loopback and opened in headless Chromium,
 * for the commands that drive the real page: the UI bench and the screenshots. Everything is closed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { CliIO } from '../src/cli/command';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function withBuiltPage<T>(io: CliIO, use: (pageUrl: string, browser: Browser) => Promise<T>): Promise<T> {
  // loaded here, not at the top: every CLI command imports the bench list, and only these need them
  const { build } = await import('vite');
  const { launchChromium } = await import('../test/helpers/chromium');
  const { serveStatic } = await import('../test/helpers/static-server');
  const outDir = mkdtempSync(join(tmpdir(), 'seifer-built-page-'));
  try {
    io.progress('building the page', 0);
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
    io.progress('building the page', 1);
    const host = await serveStatic(outDir, '/lab/');
    try {
      const browser = await launchChromium();
      try {
        return await use(host.url, browser);
      } finally {
        await browser.close();
      }
    } finally {
      await host.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
