/** Launches Debian's Chromium through playwright-core (no downloaded browsers), with flags that work headless here. */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath(): string {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`No Chromium at ${path}: install it (sudo apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.`);
  }
  return path;
}

export async function launchChromium(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS, ...extraFlags] });
}

/** A page that records console errors and uncaught exceptions, so tests can assert there were none. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  return { page, problems };
}

/** A harness page on a fresh Vite server in a fresh Chromium, waiting for `window.harnessReady`. */
export async function openHarness(path: string): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const { startViteServer } = await import('./vite-server');
  const server = await startViteServer();
  const browser = await launchChromium();
  const { page, problems } = await openPage(browser, `${server.url}${path}`);
  await page.waitForFunction(() => (window as unknown as { harnessReady?: boolean }).harnessReady === true, null, { timeout: 60_000 });
  return {
    page,
    problems,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
