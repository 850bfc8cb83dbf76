/**
 * On a phone (390 x 844, touch): the page stacks, the cluster view spans the width, nothing scrolls sideways on any
 * tab, labels stay clear of each other and of the cards, and a node is killed with two taps.
 */
import { describe, expect, it } from 'vitest';
import { clusterViewOverlaps, metrics, screenshot, waitForPlanDrawn } from '../helpers/lab-page';
import { useLabBrowser } from '../helpers/lab-browser';

const env = useLabBrowser();

describe('the lab on a phone', () => {
  it('stacks, fills the width, never scrolls sideways, and kills a node by tapping', async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${env.server.url}#mode=virtual`);
    await waitForPlanDrawn(page);
    const sideways = () => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
    const view = await page.getByTestId('cluster-view').boundingBox();
    expect(view?.width).toBeGreaterThanOrEqual(350);
    expect(await sideways()).toEqual({ scrollWidth: 390, innerWidth: 390 });
    expect((await clusterViewOverlaps(page)).problems).toEqual([]);
    await screenshot(page, 'phone-cluster');
    for (const tab of ['compare', 'teach', 'edit', 'events', 'metrics']) {
      await page.getByTestId(`tab-${tab}`).tap();
      await page.waitForTimeout(500);
      expect({ tab, ...(await sideways()) }).toEqual({ tab, scrollWidth: 390, innerWidth: 390 });
    }
    // two taps: the node, then Kill in its menu
    const victim = (await metrics(page)).plan?.stages[0].node as string;
    await page.getByTestId(`node-${victim}`).scrollIntoViewIfNeeded();
    await page.getByTestId(`node-${victim}`).tap();
    await page.getByTestId('node-menu').waitFor({ timeout: 5000 });
    const menu = await page.getByTestId('node-menu').boundingBox();
    expect(menu && menu.x >= 0 && menu.x + menu.width <= 390).toBe(true);
    await page.getByTestId(`kill-${victim}`).tap();
    await page.waitForFunction((id) => document.querySelector(`[data-testid=node-${id}]`)?.getAttribute('data-state') === 'down', victim, { timeout: 10_000 });
    await screenshot(page, 'phone-killed');
    expect(await sideways()).toEqual({ scrollWidth: 390, innerWidth: 390 });
    expect(problems).toEqual([]);
    await context.close();
  });
});
