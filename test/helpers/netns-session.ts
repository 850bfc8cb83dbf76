/**
 * A real-devices session as a person runs it, for drivers inside the test namespace (netns.ts): `seifer-lab serve`
 * on the namespace's address, a host page on the host link it prints, member pages (one Chromium context each, phone
 * sized) and `seifer-lab node --join` processes on its join link; then Measure, Plan and run, a member that leaves,
 * and the figures the host page shows. The browser test checks them; the devices bench prints them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FaultFigures } from '../../src/emulator/fault-log';
import type { LabMetrics, SeiferLabHooks } from '../../src/ui/state/hooks';
import { NETNS_ADDRESS, say } from './netns-driver';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Served {
  hostLink: string;
  joinLink: string;
  stop(): Promise<void>;
}

/** Waits for `condition` (polled), or throws naming `what` after `timeoutMs`. */
export async function until<T>(condition: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

/** `seifer-lab serve --host <namespace address> --port 0`, building the page first when dist/ is missing. */
export async function startServe(): Promise<Served> {
  const child = spawn(process.execPath, ['bin/seifer-lab.js', 'serve', '--host', NETNS_ADDRESS, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => say(`serve: ${d.toString().trim()}`));
  await until(() => stdout.includes('Ctrl-C stops the server.') || child.exitCode !== null, 'announcement from seifer-lab serve', 180_000);
  if (child.exitCode !== null) throw new Error(`seifer-lab serve exited with ${child.exitCode}`);
  const hostLink = /host: {2}(\S+)/.exec(stdout)?.[1];
  const joinLink = /join: {2}(\S+)/.exec(stdout)?.[1];
  if (!hostLink || !joinLink) throw new Error(`seifer-lab serve printed no host or join link:\n${stdout}`);
  say(`serve: ${joinLink}`);
  return { hostLink, joinLink, stop: () => stopProcess(child, 5000) };
}

export interface NodeMember {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A headless member: `seifer-lab node --join LINK --name NAME [--memory MiB]` (relay path). */
export function startNodeMember(joinLink: string, name: string, memoryMiB?: number): NodeMember {
  const memory = memoryMiB === undefined ? [] : ['--memory', String(memoryMiB)];
  const child = spawn(process.execPath, ['bin/seifer-lab.js', 'node', '--join', joinLink, '--name', name, ...memory], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => say(`${name}: ${d.toString().trim()}`));
  return { name, child, stop: () => stopProcess(child, 5000) };
}

export interface MemberPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A member page in a context of its own, phone sized (390 x 844), on the join link; waits until it is a node. */
export async function openMemberPage(browser: Browser, joinLink: string): Promise<MemberPage> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`member page error: ${e.message}`));
  await page.goto(joinLink);
  await page.getByTestId('member-headline').filter({ hasText: 'You are node' }).waitFor({ timeout: 60_000 });
  return { context, page, problems };
}

export interface HostPage {
  page: Page;
  problems: string[];
}

export async function openHostPage(browser: Browser, hostLink: string, viewport = { width: 1280, height: 720 }): Promise<HostPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`host page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`host console.error: ${m.text()}`));
  await page.goto(hostLink);
  await page.getByTestId('session-code').waitFor({ timeout: 60_000 });
  return { page, problems };
}

export type DevicesView = ReturnType<SeiferLabHooks['devices']>;

export const devicesView = (host: Page): Promise<DevicesView> => host.evaluate(() => window.seiferLab.devices());
export const metrics = (host: Page): Promise<LabMetrics | null> => host.evaluate(() => window.seiferLab.metrics());
export const faults = (host: Page): Promise<FaultFigures[]> => host.evaluate(() => window.seiferLab.faults());

/** Waits for `count` members on the host page. */
export function membersJoined(host: Page, count: number, timeoutMs: number): Promise<DevicesView> {
  return until(
    async () => {
      const view = await devicesView(host);
      return view.members.filter((m) => m.state !== 'gone').length >= count && view;
    },
    `${count} members on the host page`,
    timeoutMs,
  );
}

/** Clicks Measure and waits until every present member has a speed and every pair of endpoints both links. */
export async function measure(host: Page, timeoutMs: number): Promise<DevicesView> {
  await host.getByTestId('measure').click();
  return until(
    async () => {
      const view = await devicesView(host);
      const ids = view.members.filter((m) => m.state !== 'gone').map((m) => m.id);
      const endpoints = [...ids, 'host'];
      const linked = endpoints.every((a) => endpoints.every((b) => a === b || view.links.some((l) => l.from === a && l.to === b)));
      const measured = ids.every((id) => view.speeds.some((s) => s.id === id));
      const done = await host.getByTestId('measure').isEnabled();
      return linked && measured && done && view;
    },
    'measured speeds and links on the host page',
    timeoutMs,
  );
}

/** Plan and run; waits for `results` completed requests. */
export async function planAndRun(host: Page, results: number, timeoutMs: number): Promise<LabMetrics> {
  await host.getByTestId('devices-run').click();
  return until(
    async () => {
      const m = await metrics(host);
      return m && m.completed >= results && m;
    },
    `${results} results streamed through the members`,
    timeoutMs,
  );
}

/** The host page's run clock now (seconds since the run started), to place a real fault on the fault record's time line. */
export const runClockSec = (host: Page): Promise<number> => host.evaluate(() => window.seiferLab.metrics()?.atSec ?? 0);

/** A fault's recovery times measured from when the test caused it (a closed tab, a killed process), in ms. */
export interface RecoveryFromFault {
  detectMs: number | null;
  replanMs: number | null;
  redeployMs: number | null;
  firstResultMs: number | null;
  detectedBy: string | null;
}

/**
 * The first fault record of `node` from `causedAtSec` on, its times measured from then: a real fault is not
 * injected, so its record starts when the dispatcher first sees it (measured drifts of other nodes are other records).
 */
export function recoveryFrom(records: FaultFigures[], node: string, causedAtSec: number): { record: FaultFigures; figures: RecoveryFromFault } | null {
  const record = records.find((r) => r.node === node && r.atSec >= causedAtSec - 0.5 && r.detectedBy !== 'measured');
  if (!record) return null;
  const shift = (record.atSec - causedAtSec) * 1000;
  const from = (ms: number | null) => (ms === null ? null : Math.max(0, ms + shift));
  return {
    record,
    figures: { detectMs: from(record.detectMs), replanMs: record.replanMs, redeployMs: from(record.redeployMs), firstResultMs: from(record.firstResultMs), detectedBy: record.detectedBy },
  };
}

/** What the host page shows, for a failure message: its alerts, the session's figures and the run's metrics. */
export async function diagnose(host: Page): Promise<unknown> {
  const alerts = await host.getByRole('alert').allTextContents();
  return { alerts, devices: await devicesView(host), metrics: await metrics(host), faults: await faults(host) };
}

/** The node id a member page was given. */
export const memberId = (member: MemberPage): Promise<string> => member.page.evaluate(() => (window as unknown as { seiferMember: { state: () => { nodeId: string } } }).seiferMember.state().nodeId);

/**
 * A host page on the host link, `pages` member pages and `nodes` node processes on the join link, all joined. The
 * node processes go into `started` as they start, so the caller stops them whatever happens. `nodeMemoryMiB`: what
 * each node process offers the lab (`--memory`).
 */
export async function formSession(
  browser: Browser,
  served: Served,
  counts: { pages: number; nodes: number; nodeMemoryMiB?: number },
  started: NodeMember[],
): Promise<{ host: HostPage; pages: MemberPage[] }> {
  const host = await openHostPage(browser, served.hostLink);
  const pages: MemberPage[] = [];
  for (let i = 0; i < counts.pages; i++) pages.push(await openMemberPage(browser, served.joinLink));
  for (let i = 0; i < counts.nodes; i++) started.push(startNodeMember(served.joinLink, `pi-${i + 1}`, counts.nodeMemoryMiB));
  await membersJoined(host.page, counts.pages + counts.nodes, 90_000);
  say(`${counts.pages} member pages and ${counts.nodes} node processes joined`);
  return { host, pages };
}

/** Pauses the load and waits until nothing is in flight or waiting to be resent: the ledger's counts are then final. */
export async function pauseAndDrain(host: Page, timeoutMs: number): Promise<LabMetrics> {
  await host.getByTestId('pause').click();
  return until(
    async () => {
      const m = await metrics(host);
      return m && m.inFlight === 0 && m.awaitingResend === 0 && m;
    },
    'the pipeline to drain',
    timeoutMs,
  );
}

/** A screenshot of `page` saved as WebP (Chromium's own encoder, through a canvas): small enough for the README. */
export async function saveWebp(page: Page, path: string, quality = 0.8): Promise<number> {
  const png = (await page.screenshot()).toString('base64');
  const webp = await page.evaluate(
    async ({ png, quality }) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/webp', quality });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    },
    { png, quality },
  );
  const bytes = Buffer.from(webp, 'base64');
  writeFileSync(path, bytes);
  return bytes.byteLength;
}
