/**
 * Readable on a laptop and a projector: no text of the cluster view lies on another or on a node card it does not
 * belong to, for the default scenario, SEIFER's 20-node field with ResNet-50 and a 200-node virtual cluster, at
 * 1280 x 720 and at 1920 x 1080 in Large mode (node-card text of at least 16 px, the model bar on screen).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLUSTER_PRESETS, randomCluster } from '../../src/ui/lab/cluster-presets';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { scenarioToLink } from '../../src/ui/lab/scenario-url';
import { openPage } from '../helpers/chromium';
import { clusterViewOverlaps, metrics, screenshot, smallestCardTextPx, waitForPlanDrawn } from '../helpers/lab-page';
import { useLabBrowser } from '../helpers/lab-browser';

const env = useLabBrowser();

/** Checks the view at 1280 x 720, then at 1920 x 1080 with Large on; screenshots of both. */
async function checkBothSizes(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitForPlanDrawn(page);
  const normal = await clusterViewOverlaps(page);
  expect(normal.problems).toEqual([]);
  expect(normal.texts).toBeGreaterThanOrEqual(3);
  await screenshot(page, `layout-${name}-1280`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('large').check();
  await page.waitForTimeout(1200);
  const large = await clusterViewOverlaps(page);
  expect(large.problems).toEqual([]);
  const fits = await page.evaluate(() => ({
    chainBottom: (document.querySelector('[data-testid=model-chain]') as Element).getBoundingClientRect().bottom,
    height: innerHeight,
    scrollHeight: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
  }));
  expect(fits.chainBottom).toBeLessThanOrEqual(fits.height);
  expect(fits.scrollHeight).toBeLessThanOrEqual(fits.height);
  expect(fits.scrollWidth).toBeLessThanOrEqual(1920);
  await screenshot(page, `layout-${name}-1920-large`);
}

describe('the cluster view places every label clear of the others and of the cards', () => {
  it('on the default scenario, before and after a kill (node-card text 16 px or more in Large)', async () => {
    const { page, problems } = await openPage(env.browser, env.server.url);
    await checkBothSizes(page, 'default');
    expect(await smallestCardTextPx(page)).toBeGreaterThanOrEqual(16);
    // a failed node shows its state inside its card, and the new plan's labels find room again
    const before = await metrics(page);
    const victim = before.plan?.stages[0].node as string;
    await page.evaluate((id) => window.seiferLab.kill(id), victim);
    await page.waitForFunction((epoch) => (window.seiferLab.metrics()?.epoch ?? 0) > epoch, before.epoch, { timeout: 60_000 });
    await waitForPlanDrawn(page);
    expect((await clusterViewOverlaps(page)).problems).toEqual([]);
    await page.getByTestId('large').uncheck();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(1200);
    expect((await clusterViewOverlaps(page)).problems).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("on SEIFER's 20-node field with ResNet-50 (virtual mode)", async () => {
    const layout = CLUSTER_PRESETS.find((p) => p.id === 'paper-20')?.build(1);
    const hash = await scenarioToLink({ ...defaultScenario(), ...layout, model: 'resnet50', mode: 'virtual', timeScale: 0.1 });
    const { page, problems } = await openPage(env.browser, `${env.server.url}#${hash}`);
    await checkBothSizes(page, 'paper-20');
    expect(await page.getByTestId('cluster-view').getAttribute('data-size')).toBe('compact');
    expect(await smallestCardTextPx(page)).toBeGreaterThanOrEqual(16);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('on a 200-node virtual cluster drawn as a map, the pipeline named', async () => {
    const hash = await scenarioToLink({ ...defaultScenario(), ...randomCluster(200, 3), mode: 'virtual' });
    const { page, problems } = await openPage(env.browser, `${env.server.url}#${hash}`);
    await checkBothSizes(page, 'random-200');
    expect(await page.getByTestId('cluster-view').getAttribute('data-size')).toBe('map');
    const plan = (await metrics(page)).plan;
    const titles = await page.locator('[data-label=title] text').allTextContents();
    expect(titles.some((t) => plan?.stages.some((s) => t.startsWith(`${s.node} `)))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
