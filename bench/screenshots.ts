/**
 * `npm run bench -- screenshots`: regenerates docs/screenshots/ from the built page in headless Chromium: every
 * view (cluster, model, metrics, compare, teach, cluster editor, events, a lesson) at 1920x1080 in Large mode and
 * at a 390x844 phone, encoded as WebP by Chromium itself (canvas.toDataURL) at the best quality under 150 KB.
 * Prints each file and its size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { Command } from '../src/cli/command';
import { flagOption, parseCommandArgs, stringOption } from '../src/cli/args';
import { withBuiltPage } from './built-page';
import { table } from './table';

const MAX_BYTES = 150 * 1024;
const QUALITIES = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];

interface Size {
  name: 'large' | 'phone';
  width: number;
  height: number;
}

const SIZES: Size[] = [
  { name: 'large', width: 1920, height: 1080 },
  { name: 'phone', width: 390, height: 844 },
];

/** Each view: what to do on the page before its picture, and what a phone scrolls to. */
const VIEWS: { name: string; show: (page: Page) => Promise<void>; phoneTarget: string; largeTarget?: string }[] = [
  { name: 'cluster', show: (page) => tab(page, 'metrics'), phoneTarget: 'cluster-status' },
  { name: 'metrics', show: (page) => tab(page, 'metrics'), phoneTarget: 'throughput-chart' },
  {
    name: 'model',
    show: async (page) => {
      await tab(page, 'metrics');
      await page.getByTestId('stage-1').dispatchEvent('click');
      await page.getByTestId('stage-node-row').first().waitFor({ timeout: 30_000 });
    },
    phoneTarget: 'model-view',
  },
  {
    name: 'compare',
    show: async (page) => {
      await page.getByTestId('stage-1').dispatchEvent('click');
      await tab(page, 'compare');
      await page.getByTestId('compare-pair').waitFor({ timeout: 60_000 });
    },
    phoneTarget: 'tab-compare',
  },
  {
    name: 'teach',
    show: async (page) => {
      await tab(page, 'teach');
      for (let i = 0; i < 3; i++) await page.getByTestId('teach-next').click();
      await page.getByTestId('teach-figure').waitFor({ timeout: 60_000 });
    },
    phoneTarget: 'tab-teach',
    largeTarget: 'teach-figure',
  },
  { name: 'edit', show: (page) => tab(page, 'edit'), phoneTarget: 'tab-edit' },
  { name: 'events', show: (page) => tab(page, 'events'), phoneTarget: 'tab-events' },
  {
    name: 'lesson',
    show: async (page) => {
      // the recovery lesson four times faster than the wall clock, after its scripted kill, on the failure step
      await page.evaluate(() => window.seiferLab.load('#lesson=recovery&ts=0.25'));
      await page.waitForFunction(() => window.seiferLab.faults().some((f) => f.kind === 'kill' && f.firstResultMs !== null), null, { timeout: 90_000, polling: 250 });
      await tab(page, 'teach');
      for (let i = 0; i < 6; i++) await page.getByTestId('teach-next').click();
      await page.getByTestId('presenter-notes').waitFor({ timeout: 10_000 });
    },
    phoneTarget: 'presenter-notes',
    largeTarget: 'teach-figure',
  },
];

async function tab(page: Page, id: string): Promise<void> {
  await page.getByTestId(`tab-${id}`).click();
}

export const screenshotsBench: Command = {
  name: 'screenshots',
  summary: 'Regenerates docs/screenshots/: every view of the lab page at 1920x1080 Large and at a phone, as WebP under 150 KB.',
  usage: 'seifer-lab bench screenshots [--out DIR] [--only large|phone]',
  async run(argv, io) {
    const args = parseCommandArgs(argv, { out: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' } }, this.usage);
    const out = stringOption(args, 'out') ?? fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
    const only = stringOption(args, 'only');
    mkdirSync(out, { recursive: true });
    const rows = await withBuiltPage(io, async (pageUrl, browser) => {
      const written: { file: string; bytes: number; quality: number }[] = [];
      for (const size of SIZES.filter((s) => !only || s.name === only)) written.push(...(await shoot(browser, pageUrl, size, out, (label) => io.err(label))));
      return written;
    });
    if (flagOption(args, 'json')) io.out(JSON.stringify(rows, null, 2));
    else
      io.out(
        table(
          ['file', 'KB', 'WebP quality'],
          rows.map((r) => [r.file, Math.round(r.bytes / 102.4) / 10, r.quality]),
        ),
      );
    return rows.every((r) => r.bytes <= MAX_BYTES) ? 0 : 1;
  },
};

async function shoot(browser: Browser, pageUrl: string, size: Size, out: string, say: (label: string) => void) {
  const page = await browser.newPage({ viewport: { width: size.width, height: size.height }, isMobile: size.name === 'phone', hasTouch: size.name === 'phone' });
  const encoder = await browser.newPage();
  const written: { file: string; bytes: number; quality: number }[] = [];
  try {
    await page.goto(`${pageUrl}#lesson=split`);
    await page.waitForFunction(() => (window.seiferLab.metrics()?.completed ?? 0) > 20, null, { timeout: 120_000 });
    if (size.name === 'large') await page.getByTestId('large').check();
    for (const view of VIEWS) {
      say(`${size.name}: ${view.name}`);
      await view.show(page);
      if (size.name === 'phone') await page.getByTestId(view.phoneTarget).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      else if (view.largeTarget) await page.getByTestId(view.largeTarget).evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await page.waitForTimeout(600);
      const png = await page.screenshot();
      const { dataUrl, quality } = await toWebp(encoder, png.toString('base64'));
      const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
      const file = `${view.name}-${size.name}.webp`;
      writeFileSync(`${out}/${file}`, bytes);
      written.push({ file, bytes: bytes.length, quality });
    }
  } finally {
    await page.close();
    await encoder.close();
  }
  return written;
}

/** Chromium encodes: the PNG drawn on a canvas, then toDataURL('image/webp') at the best quality that fits. */
async function toWebp(encoder: Page, pngBase64: string): Promise<{ dataUrl: string; quality: number }> {
  return encoder.evaluate(
    async ({ b64, maxBytes, qualities }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d')?.drawImage(img, 0, 0);
      let last = { dataUrl: '', quality: 0 };
      for (const quality of qualities) {
        const dataUrl = canvas.toDataURL('image/webp', quality);
        if (!dataUrl.startsWith('data:image/webp')) throw new Error('this Chromium cannot encode WebP');
        last = { dataUrl, quality };
        if ((dataUrl.length - dataUrl.indexOf(',') - 1) * 0.75 <= maxBytes) return last;
      }
      return last;
    },
    { b64: pngBase64, maxBytes: MAX_BYTES, qualities: QUALITIES },
  );
}
