/**
 * Real devices (docs/design.md, "Real devices"): member pages and a `seifer-lab node` process join a session of
 * `seifer-lab serve`, the host page measures them, plans on the figures and streams through them, direct WebRTC
 * channels between pages and the relay for the node; a tab closed mid-run is survived exactly once. Every WebRTC
 * check runs inside a network namespace the test creates (test/helpers/netns.ts): Chromium gathers no loopback
 * candidates, and a test's traffic must not leave the machine. Without root, unshare or ip the test fails, saying so.
 */
import { describe, expect, test } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { startViteServer } from '../helpers/vite-server';
import type { ChannelCheck } from './drivers/datachannel';
import type { DevicesOutcome } from './drivers/devices';
import { runInNetns } from '../helpers/netns';
import { NETNS_ADDRESS } from '../helpers/netns-driver';

describe('real devices', () => {
  test('the lab page served without the lab server (npm start) says the mode needs seifer-lab serve', async () => {
    const server = await startViteServer();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}#mode=devices`);
      const notice = page.getByTestId('devices-unavailable');
      await notice.waitFor({ timeout: 60_000 });
      expect(await notice.textContent()).toContain('npx seifer-lab serve');
      expect(await page.evaluate(() => window.seiferLab.metrics())).toBeNull();
    } finally {
      await browser.close();
      await server.close();
    }
  });

  test('two Chromium contexts open a data channel inside the test namespace, on its own address only', async () => {
    const result = await runInNetns<ChannelCheck>('test/browser/drivers/datachannel.ts', { bytes: 1 << 20 }, { timeoutMs: 60_000 });
    expect(result.bytesReceived).toBe(1 << 20);
    expect(result.candidates.length).toBeGreaterThan(0);
    for (const line of result.candidates) expect(line.split(' ')[4], line).toBe(NETNS_ADDRESS);
  });

  test('three member pages and a node process form a measured cluster; ppocr-cls streams, verified; a closed tab is recovered exactly once', { timeout: 600_000 }, async () => {
    const out = await runInNetns<DevicesOutcome>('test/browser/drivers/devices.ts', { pages: 3, nodes: 1, screenshotDir: process.env.SEIFER_SCREENSHOTS }, { timeoutMs: 540_000 });
    expect(out.problems).toEqual([]);
    expect(out.refused).toMatch(/^This device could not join the session: .+/);

    // members as they joined: three browsers and one node process, each with its cores and a measured speed
    expect(out.members.map((m) => m.kind).sort()).toEqual(['browser', 'browser', 'browser', 'node']);
    for (const m of out.members) expect(m.cores).toBeGreaterThanOrEqual(1);
    expect(out.speeds).toHaveLength(4);
    for (const s of out.speeds) {
      expect(s.gflops).toBeGreaterThan(0);
      expect(s.msPerBlock.every((ms) => ms >= 0)).toBe(true);
      expect(Number.isFinite(s.spreadPct)).toBe(true);
    }

    // every link measured both ways; direct between member pages, relayed with the node process and the host
    const kind = new Map(out.members.map((m) => [m.id, m.kind]));
    expect(out.links).toHaveLength(5 * 4);
    for (const link of out.links) {
      expect(link.bandwidthBytesPerSec).toBeGreaterThan(0);
      expect(link.latencyMs).toBeGreaterThanOrEqual(0);
      const bothPages = kind.get(link.from) === 'browser' && kind.get(link.to) === 'browser';
      expect(link.path, `${link.from} -> ${link.to}`).toBe(bothPages ? 'direct' : 'relay');
    }

    // planned on the measured cluster, streaming, results checked against the whole model
    expect(out.plan?.stages.length).toBeGreaterThan(0);
    expect(out.beforeFault.completed).toBeGreaterThanOrEqual(30);
    expect(out.beforeFault.verified).toBeGreaterThan(0);
    expect(out.beforeFault.errors).toBe(0);
    // member pages say who they are and what they serve
    for (const [id, headline] of Object.entries(out.headlines)) {
      const stage = out.plan!.stages.findIndex((s) => s.node === id);
      if (stage >= 0) expect(headline).toBe(`You are node ${id}: stage ${stage + 1}, blocks ${out.plan!.stages[stage].firstBlock}-${out.plan!.stages[stage].lastBlock}`);
      else expect(headline).toMatch(new RegExp(`^You are node ${id}`));
    }
    expect(Object.values(out.memberPaths).join(' ')).toMatch(/direct/);
    expect(out.memberPageWidthPx).toBeLessThanOrEqual(390);

    // a closed tab: detected, re-planned, redeployed, first result; nothing lost, nothing twice
    expect(out.afterRecovery.epoch).toBeGreaterThan(out.planEpoch);
    expect(out.afterRecovery.plan?.stages.some((s) => s.node === out.closed)).toBe(false);
    expect(out.afterRecovery.lost).toBe(0);
    expect(out.afterRecovery.duplicated).toBe(0);
    expect(out.afterRecovery.errors).toBe(0);
    expect(out.recovery, 'a fault record for the closed tab').not.toBeNull();
    const r = out.recovery!;
    expect(r.detectMs).not.toBeNull();
    expect(r.replanMs).not.toBeNull();
    expect(r.redeployMs).not.toBeNull();
    expect(r.firstResultMs).not.toBeNull();
    expect(r.detectMs!).toBeLessThanOrEqual(r.redeployMs!);
    expect(r.redeployMs!).toBeLessThanOrEqual(r.firstResultMs!);

    // Leave: the page says so and the host sees the member gone
    expect(out.leave.headline).toMatch(/^You left the session/);
    expect(out.leave.hostState).toBe('gone');
  });
});
