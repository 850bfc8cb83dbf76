/** One Vite server and one Chromium per browser-test file: started before its tests, closed after them. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startViteServer, type TestServer } from './vite-server';

export interface LabBrowser {
  server: TestServer;
  browser: Browser;
}

export function useLabBrowser(): LabBrowser {
  const env = {} as LabBrowser;
  beforeAll(async () => {
    env.server = await startViteServer();
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
