/**
 * Driver of `bench devices` (inside a network namespace, test/helpers/netns.ts): for each session size, a fresh
 * `seifer-lab serve`, member pages (Chromium contexts) and `seifer-lab node` processes half and half, a host page that
 * measures, plans and runs; the throughput over a window, the plan's hops with their bytes, then a member that
 * leaves (a page closed, or a node process killed when no page serves) and the recovery times the host recorded.
 */
import type { ClusterFile } from '../../src/emulator/cluster-file';
import type { HopTraffic, MeasuredLink } from '../../src/devices/types';
import type { LabMetrics } from '../../src/ui/state/hooks';
import { launchChromium } from '../../test/helpers/chromium';
import { driverMain, NETNS_CHROMIUM_FLAGS, say } from '../../test/helpers/netns-driver';
import {
  devicesView,
  faults,
  formSession,
  measure,
  memberId,
  metrics,
  pauseAndDrain,
  planAndRun,
  recoveryFrom,
  runClockSec,
  startServe,
  until,
  type NodeMember,
  type RecoveryFromFault,
} from '../../test/helpers/netns-session';

export interface DevicesBenchInput {
  sizes: number[];
  /** Seconds of steady streaming over which throughput is measured. */
  windowSec: number;
}

export interface SizeFigures {
  members: number;
  pages: number;
  nodes: number;
  cluster: ClusterFile | null;
  links: MeasuredLink[];
  /** What each link carried at the end of the throughput window. */
  traffic: HopTraffic[];
  measureSec: number;
  plan: LabMetrics['plan'];
  measuredPerSec: number;
  predictedPerSec: number | null;
  /** Plans made during the throughput window (the dispatcher re-plans when what it measures drifts from the plan). */
  replansInWindow: number;
  left: string;
  leftKind: 'page' | 'node';
  recovery: RecoveryFromFault | null;
  lost: number;
  duplicated: number;
  error?: string;
}

async function oneSize(members: number, windowSec: number): Promise<SizeFigures> {
  const pages = Math.ceil(members / 2);
  const nodeCount = members - pages;
  const served = await startServe();
  const browser = await launchChromium(NETNS_CHROMIUM_FLAGS);
  const nodes: NodeMember[] = [];
  try {
    const { host, pages: memberPages } = await formSession(browser, served, { pages, nodes: nodeCount }, nodes);
    const started = performance.now();
    const view = await measure(host.page, 300_000);
    const measureSec = (performance.now() - started) / 1000;
    say(`${members} members measured in ${measureSec.toFixed(1)} s`);
    describeMeasured(view);
    await planAndRun(host.page, 20, 240_000);
    // steady state: throughput over the window, from the ledger's completed count
    const first = (await metrics(host.page))!;
    await new Promise((resolve) => setTimeout(resolve, windowSec * 1000));
    const last = (await metrics(host.page))!;
    const measuredPerSec = (last.completed - first.completed) / (last.atSec - first.atSec);
    const { traffic } = await devicesView(host.page);
    say(`${members} members: ${measuredPerSec.toFixed(2)} /s measured, ${last.predicted?.toFixed(2)} /s predicted`);
    for (const e of await host.page.evaluate(() => window.seiferLab.log())) if (!/^(request|result)/.test(e.text)) say(`  log ${e.atSec.toFixed(1)} s: ${e.text.slice(0, 220)}`);
    say(
      `  latency p50 ${last.latencyMs.p50?.toFixed(1)} ms, p95 ${last.latencyMs.p95?.toFixed(1)} ms; in flight ${last.inFlight}, window ${last.window}; plan bottleneck ${last.plan?.bottleneckMs.toFixed(2)} ms`,
    );
    say(`  busy: ${last.nodes.map((n) => `${n.id} ${Math.round(n.busyPercent)} %`).join(', ')}`);

    // a member leaves: a serving page closes (a node process is killed when no page serves)
    const serving = new Set(last.plan?.stages.map((s) => s.node));
    const ids = await Promise.all(memberPages.map(memberId));
    // a page that says it serves a stage now (the plan on the host may be one not deployed yet), else one the plan names
    const states = await Promise.all(memberPages.map((m) => m.page.evaluate(() => (window as unknown as { seiferMember: { state: () => { status: string } } }).seiferMember.state().status)));
    const busy = states.findIndex((status, i) => status === 'serving' && serving.has(ids[i]));
    const pageIndex = busy >= 0 ? busy : ids.findIndex((id) => serving.has(id));
    const nodeMembers = view.members.filter((m) => m.kind === 'node');
    const nodeMember = nodeMembers.find((m) => serving.has(m.id)) ?? nodeMembers[0];
    const causedAtSec = await runClockSec(host.page);
    let left: string;
    let leftKind: SizeFigures['leftKind'];
    if (pageIndex >= 0) {
      left = ids[pageIndex];
      leftKind = 'page';
      await memberPages[pageIndex].context.close();
    } else {
      // a node member's label is the --name it was started with
      left = nodeMember.id;
      leftKind = 'node';
      nodes.find((n) => n.name === nodeMember.label)?.child.kill('SIGKILL');
    }
    const found = await until(
      async () => {
        const r = recoveryFrom(await faults(host.page), left, causedAtSec);
        return r && r.figures.firstResultMs !== null && r;
      },
      `recovery after ${left} left`,
      120_000,
    ).catch(() => null);
    if (!found)
      for (const e of await host.page.evaluate(() => window.seiferLab.log()))
        if (e.atSec >= causedAtSec - 0.5 && !/^(request|result)/.test(e.text)) say(`  log ${e.atSec.toFixed(1)} s: ${e.text.slice(0, 220)}`);
    const drained = await pauseAndDrain(host.page, 60_000).catch(() => metrics(host.page));
    return {
      members,
      pages,
      nodes: nodeCount,
      cluster: view.measured,
      links: view.links,
      traffic,
      measureSec,
      plan: last.plan,
      measuredPerSec,
      predictedPerSec: last.predicted,
      replansInWindow: last.epoch - first.epoch,
      left,
      leftKind,
      recovery: found?.figures ?? null,
      lost: drained?.lost ?? -1,
      duplicated: drained?.duplicated ?? -1,
    };
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await browser.close();
    await served.stop();
  }
}

/** What the bench sees after Measure: each member's speed and each link's figures, with their spreads. */
function describeMeasured(view: Awaited<ReturnType<typeof measure>>): void {
  for (const s of view.speeds) say(`  speed ${s.id}: ${s.gflops.toFixed(2)} GFLOPS ± ${Math.round(s.spreadPct)} %, ${s.msPerBlock.reduce((a, b) => a + b, 0).toFixed(1)} ms the model`);
  for (const l of view.links) say(`  link ${l.from} -> ${l.to}: ${((l.bandwidthBytesPerSec * 8) / 1e6).toFixed(0)} Mbit/s ± ${Math.round(l.spreadPct)} %, ${l.latencyMs.toFixed(2)} ms, ${l.path}`);
}

driverMain(async (input: DevicesBenchInput): Promise<SizeFigures[]> => {
  const figures: SizeFigures[] = [];
  for (const size of input.sizes) {
    try {
      figures.push(await oneSize(size, input.windowSec));
    } catch (error) {
      // one size failing still reports the others
      say(`${size} members: ${error instanceof Error ? error.message : String(error)}`);
      figures.push({
        members: size,
        pages: 0,
        nodes: 0,
        cluster: null,
        links: [],
        traffic: [],
        measureSec: 0,
        plan: null,
        measuredPerSec: 0,
        predictedPerSec: null,
        replansInWindow: 0,
        left: '',
        leftKind: 'page',
        recovery: null,
        lost: -1,
        duplicated: -1,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return figures;
});
