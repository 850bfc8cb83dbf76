/**
 * The built page as `seifer-lab serve` delivers it, with the server's content security policy: it must still load
 * its workers and onnxruntime-web's WebAssembly and stream, with no policy violation in the console.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensurePage } from '../../src/server/build-page';
import { startLabServer } from '../../src/server/server';
import { launchChromium, openPage } from '../helpers/chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the page served by startLabServer', () => {
  it('streams the default scenario under the content security policy', async () => {
    await ensurePage(root, { out: () => undefined, err: () => undefined, progress: () => undefined });
    const server = await startLabServer({ host: '127.0.0.1', port: 0, distDir: `${root}dist`, defaultSession: false });
    const browser = await launchChromium();
    try {
      const { page, problems } = await openPage(browser, `http://127.0.0.1:${server.port}/`);
      await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 10, null, { timeout: 90_000 });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
