/** Browser-test helpers for the lab page: waiting on its counters and hooks, saving screenshots for the docs. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/**
 * Tests save their screenshots under test-results/screenshots/ (not committed), to look at after a run; the ones
 * the README shows come from `npm run bench -- screenshots` (bench/screenshots.ts).
 */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

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

export interface LabelProblem {
  kind: 'text-text' | 'text-card';
  a: string;
  b: string;
}

/**
 * Every text of the cluster view against every other, and against every node card (or dot, or the dispatcher) it
 * does not belong to, by the bounding boxes the browser reports; overlaps under half a pixel are rounding.
 */
export async function clusterViewOverlaps(page: Page): Promise<{ texts: number; cards: number; problems: LabelProblem[] }> {
  return page.evaluate(() => {
    const svg = document.querySelector('[data-testid=cluster-view]') as SVGSVGElement;
    const ownerOf = (el: Element) => el.closest('[data-testid^="node-"]')?.getAttribute('data-testid')?.slice(5) ?? '';
    const texts = [...svg.querySelectorAll('text')]
      .filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).display !== 'none')
      .map((t) => ({ text: t.textContent ?? '', owner: ownerOf(t), box: t.getBoundingClientRect() }))
      .filter((t) => t.box.width > 0 && t.box.height > 0);
    const cards = [...svg.querySelectorAll('[data-card]')].map((c) => ({ id: c.getAttribute('data-card') ?? '', box: c.getBoundingClientRect() }));
    const meet = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const problems: { kind: 'text-text' | 'text-card'; a: string; b: string }[] = [];
    texts.forEach((t, i) => {
      for (const u of texts.slice(i + 1)) if (meet(t.box, u.box)) problems.push({ kind: 'text-text', a: `${t.owner}:${t.text}`, b: `${u.owner}:${u.text}` });
      for (const c of cards) if (c.id !== t.owner && meet(t.box, c.box)) problems.push({ kind: 'text-card', a: `${t.owner}:${t.text}`, b: c.id });
    });
    return { texts: texts.length, cards: cards.length, problems };
  });
}

/** The smallest text on a node card as drawn on the screen (font size times the page's zoom), in CSS pixels. */
export async function smallestCardTextPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes = [...document.querySelectorAll('[data-testid=cluster-view] [data-testid^="node-n"] text')].map(
      (t) => parseFloat(getComputedStyle(t).fontSize) * ((t as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1),
    );
    return sizes.length > 0 ? Math.min(...sizes) : 0;
  });
}

/** The running plan is drawn (its hops and their labels laid out) and a sample has arrived. */
export async function waitForPlanDrawn(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const m = window.seiferLab.metrics();
      return !!m?.plan && document.querySelectorAll('[data-testid=pipeline] path').length === m.plan.stages.length + 1;
    },
    null,
    { timeout: timeoutMs, polling: 250 },
  );
  // the labels fade in with the new plan; their places are final at once, give the frame a moment
  await page.waitForTimeout(1000);
}

/** JSON with object keys sorted, so two equal values give the same text whatever order their keys were set in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * window.seiferLab.scenario() as canonical JSON: a 1,000-node scenario holds a million link objects, which the
 * test protocol would take minutes to copy one by one, while one string crosses in a moment.
 */
export async function pageScenarioJson(page: Page): Promise<string> {
  return page.evaluate(canonicalJson, await page.evaluateHandle(() => window.seiferLab.scenario()));
}
