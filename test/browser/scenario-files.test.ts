/**
 * Big scenarios travel: a 1,000-node virtual scenario opens from its share link (deflated) as the same scenario,
 * and Save then Open in another page gives it back, the address bar following.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomCluster } from '../../src/ui/lab/cluster-presets';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { scenarioToFile } from '../../src/ui/lab/scenario-file';
import type { LabScenario } from '../../src/ui/lab/scenario-spec';
import { MAX_HASH_CHARS, readScenarioLink, scenarioToLink } from '../../src/ui/lab/scenario-url';
import { openPage } from '../helpers/chromium';
import { canonicalJson, pageScenarioJson } from '../helpers/lab-page';
import { useLabBrowser } from '../helpers/lab-browser';

const env = useLabBrowser();
const folder = mkdtempSync(join(tmpdir(), 'seifer-scenarios-'));

describe('a 1,000-node virtual scenario', () => {
  it('opens from its share link as the same scenario, and Save then Open gives it back', async () => {
    const scenario: LabScenario = { ...defaultScenario(), ...randomCluster(1000, 5), mode: 'virtual', timeScale: 2 };
    const link = await scenarioToLink(scenario);
    expect(link.length).toBeLessThan(MAX_HASH_CHARS);
    const { page, problems } = await openPage(env.browser, `${env.server.url}#${link}`);
    await page.waitForFunction(() => window.seiferLab.scenario().nodes.length === 1000, null, { timeout: 120_000 });
    expect(await pageScenarioJson(page)).toBe(canonicalJson(scenario));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scenario-save').click()]);
    const path = join(folder, download.suggestedFilename());
    await download.saveAs(path);
    const saved = readFileSync(path, 'utf8');
    expect(saved).toBe(scenarioToFile(scenario));
    await page.close();

    const fresh = await openPage(env.browser, `${env.server.url}#mode=virtual`);
    await fresh.page.waitForFunction(() => window.seiferLab.scenario().nodes.length === 6, null, { timeout: 60_000 });
    await fresh.page.getByTestId('scenario-open').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
    await fresh.page.waitForFunction(() => window.seiferLab.scenario().nodes.length === 1000, null, { timeout: 120_000 });
    expect(await pageScenarioJson(fresh.page)).toBe(canonicalJson(scenario));
    // the address bar carries it too, deflated (each browser's deflate may pick other bytes for the same text)
    const address = await readScenarioLink(new URL(fresh.page.url()).hash, defaultScenario());
    expect(address.ok && address.dropped).toEqual([]);
    expect(address.ok && canonicalJson(address.scenario)).toBe(canonicalJson(scenario));
    expect([...problems, ...fresh.problems]).toEqual([]);
    await fresh.page.close();
  });
});
