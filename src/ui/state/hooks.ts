/** window.seiferLab: a stable surface for automation and browser tests (plain data in and out). */
import type { HopTraffic, MeasuredLink, MemberInfo, MemberSpeed } from '../../devices/types';
import type { ClusterFile } from '../../emulator/cluster-file';
import type { FaultFigures } from '../../emulator/fault-log';
import type { LabScenario } from '../lab/scenario-spec';
import { comparisonKey } from './compare-state.svelte';
import type { LabState } from './lab.svelte';

export interface LabMetrics {
  /** The run's clock now, in seconds since it started (fault records are on this time line). */
  atSec: number;
  phase: string;
  throughput: number;
  predicted: number | null;
  completed: number;
  accepted: number;
  lost: number;
  duplicated: number;
  inFlight: number;
  /** Requests the closed loop keeps outstanding. */
  window: number;
  /** Waiting at the dispatcher to be sent again (docs/design.md, "Metrics"). */
  awaitingResend: number;
  resends: number;
  lateCopies: number;
  epoch: number;
  hostBound: boolean;
  errors: number;
  verified: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  nodes: { id: string; state: string; stage: number; busyPercent: number }[];
  plan: { stages: { node: string; firstBlock: number; lastBlock: number }[]; hops: { from: string; to: string; bytes: number }[]; bottleneckMs: number } | null;
  model: { name: string; blocks: number; nodes: number } | null;
}

export interface SeiferLabHooks {
  scenario(): LabScenario;
  metrics(): LabMetrics | null;
  /** Each injected fault's measured recovery figures (detect, re-plan, redeploy, first result), as the Teach tab reads them. */
  faults(): FaultFigures[];
  /** The run's event log, oldest first (what the Log tab shows): plans with their predictions, decisions and their causes. */
  log(): { atSec: number; text: string }[];
  /** Every algorithm's bottleneck on the scenario (the Compare and Teach tabs' comparison), or null while none is ready. */
  comparison(): { algorithm: string; bottleneckMs: number | null }[] | null;
  kill(id: string): void;
  /** The node stops answering but stays connected (only heartbeats can tell). */
  hang(id: string): void;
  revive(id: string): void;
  load(url: string): Promise<void>;
  /** Devices mode: the session's join link, members, measured speeds and links (plain copies). */
  devices(): { code: string; joinUrl: string; members: MemberInfo[]; speeds: MemberSpeed[]; links: MeasuredLink[]; measured: ClusterFile | null; traffic: HopTraffic[] };
}

export function createHooks(lab: LabState): SeiferLabHooks {
  return {
    // the scenario is $state.raw (never proxied): a structured clone is a faithful, detached copy
    scenario: () => structuredClone(lab.scenario),
    metrics: () => {
      const s = lab.run.sample;
      if (!s) return null;
      const plan = lab.run.plan;
      const analysis = lab.model.analysis;
      const run = lab.run.active;
      return {
        atSec: run ? (run.clock.nowMs() - run.loop.startMs) / 1000 : s.atSec,
        phase: s.phase,
        throughput: s.throughputPerSec,
        predicted: s.predictedPerSec,
        completed: s.completed,
        accepted: s.accepted,
        lost: s.lost,
        duplicated: s.duplicated,
        inFlight: s.inFlight,
        window: s.window,
        awaitingResend: s.awaitingResend,
        resends: s.resends,
        lateCopies: s.lateCopies,
        epoch: s.epoch,
        hostBound: s.hostBound,
        errors: s.errors,
        verified: s.verified,
        latencyMs: { p50: s.latencyMs.p50, p95: s.latencyMs.p95, p99: s.latencyMs.p99 },
        nodes: s.nodes.map((n) => ({ id: n.id, state: n.state, stage: n.stage, busyPercent: n.busyPercent })),
        plan: plan
          ? {
              stages: plan.stages.map((x) => ({ node: x.node, firstBlock: x.firstBlock, lastBlock: x.lastBlock })),
              hops: plan.hops.map((h) => ({ from: h.from, to: h.to, bytes: h.bytes })),
              bottleneckMs: plan.bottleneckMs,
            }
          : null,
        model: analysis ? { name: analysis.name, blocks: analysis.blocks.length, nodes: analysis.model.graph.nodes.length } : null,
      };
    },
    faults: () => lab.run.active?.faultFigures() ?? [],
    log: () => lab.run.log.map((e) => ({ atSec: e.atSec, text: e.text })).reverse(),
    comparison: () => lab.compare.current(comparisonKey(lab))?.rows.map((r) => ({ algorithm: r.algorithm, bottleneckMs: r.report?.bottleneckMs ?? null })) ?? null,
    kill: (id) => void lab.act((run) => run.kill(id)),
    hang: (id) => void lab.act((run) => run.hang(id)),
    revive: (id) => void lab.act((run) => run.revive(id)),
    load: (url) => lab.loadUrl(url),
    devices: () => {
      const d = lab.devices;
      return structuredClone({ code: d.code, joinUrl: d.joinUrl, members: d.members, speeds: d.speeds, links: d.links, measured: d.measured, traffic: d.traffic() });
    },
  };
}
