/**
 * The cluster editor with many nodes: the bandwidth matrix as a grid that renders only what is on screen (1,000
 * nodes stay quick), a matrix pasted from CSV, and undo and redo (Ctrl+Z, Ctrl+Y and the buttons).
 */
import { describe, expect, it } from 'vitest';
import { openPage } from '../helpers/chromium';
import { useLabBrowser } from '../helpers/lab-browser';
import { waitForPlanDrawn } from '../helpers/lab-page';

const env = useLabBrowser();

describe('the cluster editor', () => {
  it('pastes a CSV matrix, undoes and redoes it, applies it, and scrolls a 1,000-node grid', async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}#mode=virtual`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await waitForPlanDrawn(page);
    await page.getByTestId('tab-edit').click();
    const cell = page.getByTestId('bw-0-1');
    const before = await cell.inputValue();
    // a 6 x 6 matrix with a header row and column of ids, as a spreadsheet exports it
    const ids = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
    const csv = [`,${ids.join(',')}`, ...ids.map((id, i) => `${id},${ids.map((_, j) => (i === j ? '-' : String(10 + i + j))).join(',')}`)].join('\n');
    await page.locator('summary', { hasText: 'Paste a matrix' }).click();
    await page.getByTestId('csv-text').fill(csv);
    await page.getByTestId('csv-apply').click();
    expect(await page.getByTestId('editor-message').textContent()).toBe('Pasted 6 x 6 bandwidths.');
    expect(await cell.inputValue()).toBe('11');
    await cell.focus();
    await page.keyboard.press('Control+z');
    expect(await cell.inputValue()).toBe(before);
    await page.getByTestId('editor-redo').click();
    expect(await cell.inputValue()).toBe('11');
    // one cell typed, then undone with the button
    await page.getByTestId('bw-2-3').fill('42');
    await page.getByTestId('bw-2-3').press('Enter');
    expect(await page.getByTestId('bw-3-2').inputValue()).toBe('42');
    await page.getByTestId('editor-undo').click();
    expect(await page.getByTestId('bw-3-2').inputValue()).toBe('15');
    // a bad paste says where
    await page.getByTestId('csv-text').fill('-,1\nx,-');
    await page.getByTestId('csv-apply').click();
    expect(await page.getByTestId('paste-problem').textContent()).toContain("Row 2, column 1: 'x'");
    await page.getByTestId('apply-cluster').click();
    await page.waitForFunction(() => window.seiferLab.scenario().links[0][1].bandwidthMbps === 11, null, { timeout: 30_000 });
    expect(await page.evaluate(() => window.seiferLab.scenario().links[5][4].bandwidthMbps)).toBe(19);

    // 1,000 nodes: the grid draws a window of cells, and scrolling brings the far corner
    await page.getByTestId('cluster-preset').selectOption('random');
    await page.getByTestId('random-count').fill('1000');
    await page.getByTestId('load-preset').click();
    await page.getByTestId('node-page').waitFor();
    expect(await page.getByTestId('node-page').textContent()).toBe('nodes 1-20 of 1000');
    expect(await page.locator('[data-testid=bandwidth-grid] input').count()).toBeLessThan(400);
    await page.getByTestId('bandwidth-grid').evaluate((grid) => {
      grid.scrollTop = grid.scrollHeight;
      grid.scrollLeft = grid.scrollWidth;
    });
    await page.getByTestId('bw-1000-999').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=bandwidth-grid] input').count()).toBeLessThan(400);
    expect(problems).toEqual([]);
    await page.close();
  });
});
