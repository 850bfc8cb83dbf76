import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openHarness } from '../helpers/chromium';

let harness: Awaited<ReturnType<typeof openHarness>>;
let page: Page;
let problems: string[];

beforeAll(async () => {
  harness = await openHarness('test/browser/pages/emulator-harness.html');
  ({ page, problems } = harness);
});

afterAll(async () => {
  await harness?.close();
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
