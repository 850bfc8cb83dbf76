/**
 * A step-through of SEIFER's method on the model and plan at hand: each step a sentence or two with the real
 * numbers, and a small figure (bars or the stage chain). Pure data; the Teach panel draws it.
 */
import type { FaultFigures } from '../../emulator/fault-log';
import type { ModelSummary } from '../../model/index';
import type { PlanReport, Profile } from '../../planner/types';
import { formatBytes, formatFlops, formatMs, formatRate } from '../../util/format';

export type TeachFigure =
  | { kind: 'bars'; unit: string; items: { label: string; value: number; highlight: boolean }[] }
  | { kind: 'stages'; blockCount: number; stages: { firstBlock: number; lastBlock: number; label: string }[] };

export interface TeachStep {
  title: string;
  text: string;
  figure: TeachFigure;
}

const MAX_BARS = 24;

export function teachSteps(summary: ModelSummary, profile: Profile, plan: PlanReport | null, faults: readonly FaultFigures[]): TeachStep[] {
  const blocks = profile.blocks;
  const cuts = blocks.slice(0, -1).map((b, i) => ({ after: i, bytes: b.outBytes }));
  const smallest = cuts.reduce<{ after: number; bytes: number } | null>((m, c) => (m === null || c.bytes < m.bytes ? c : m), null);
  const heaviest = blocks.reduce((m, b, i) => (b.flops > blocks[m].flops ? i : m), 0);
  const steps: TeachStep[] = [
    {
      title: '1. The model is a graph',
      text: `${summary.name} has ${summary.nodeCount} ONNX nodes, ${(summary.paramCount / 1e6).toFixed(2)} M parameters and needs ${formatFlops(summary.flops)} per request. Its input is ${formatBytes(profile.inputBytes)}. To run it on several small devices, it must be cut into pieces that run one after another.`,
      figure: bars(
        'MFLOPs per block',
        blocks.map((b, i) => ({ label: `${i}`, value: b.flops / 1e6, highlight: i === heaviest })),
      ),
    },
    {
      title: '2. Cut points: where one tensor carries everything',
      text: `A cut is only possible where a single tensor is all that later nodes need. This model has ${summary.cutCount} such points, giving ${blocks.length} blocks. Each cut has a price, the bytes that must cross the network there${smallest ? `: the cheapest is after block ${smallest.after} (${formatBytes(smallest.bytes)})` : ''}.`,
      figure: bars(
        'KB crossing each cut',
        cuts.map((c) => ({ label: `${c.after}`, value: c.bytes / 1024, highlight: c.after === smallest?.after })),
      ),
    },
  ];
  if (!plan) return steps;
  type Term = { label: string; value: number; kind: 'stage' | 'hop'; index: number };
  // short labels: the figure is a narrow side panel ('in' and 'out' are the dispatcher's hops)
  const end = (id: string, side: 'in' | 'out') => (id === 'dispatcher' ? side : id);
  const stageTerms: Term[] = plan.stages.map((s, k) => ({ label: `${s.node} (s${k + 1})`, value: s.computeMs, kind: 'stage', index: k }));
  const hopTerms: Term[] = plan.hops.map((h, k) => ({ label: `${end(h.from, 'in')}→${end(h.to, 'out')}`, value: h.ms, kind: 'hop', index: k }));
  const limit = plan.limitedBy;
  steps.push(
    {
      title: '3. Partitioning: consecutive blocks become stages',
      text: `The planner groups consecutive blocks into ${plan.stages.length} stage${plan.stages.length === 1 ? '' : 's'}, each small enough for the memory of the node it will run on (${plan.stages.map((s) => `${s.node}: ${formatBytes(s.memoryBytes)}`).join(', ')}). Fewer stages mean fewer network hops; more stages spread the compute.`,
      figure: { kind: 'stages', blockCount: blocks.length, stages: plan.stages.map((s, k) => ({ firstBlock: s.firstBlock, lastBlock: s.lastBlock, label: `${k + 1}: ${s.node}` })) },
    },
    {
      title: '4. Placement: the slowest step sets the pace',
      text: `Requests flow dispatcher -> ${plan.stages.map((s) => s.node).join(' -> ')} -> dispatcher (the bars: each hop, then each stage's compute). In a pipeline every stage and every hop works on a different request at once, so throughput is set by the slowest step alone: here ${formatMs(plan.bottleneckMs)}, so at most ${formatRate(plan.throughputPerSec)} requests per second. ${plan.algorithm} chose stages and nodes to make that slowest step as short as it could.`,
      figure: bars(
        'ms per step',
        [...interleave(stageTerms, hopTerms)].map((t) => ({ label: t.label, value: t.value, highlight: limit !== null && limit.kind === t.kind && limit.index === t.index })),
      ),
    },
  );
  const kill = [...faults].reverse().find((f) => (f.kind === 'kill' || f.kind === 'hang') && f.redeployMs !== null);
  steps.push({
    title: '5. Failures: detect, replan, redeploy, resend',
    text: kill
      ? `When ${kill.node} failed at ${kill.atSec} s, missed heartbeats gave it away after ${formatMs(kill.detectMs ?? 0)}; planning on the survivors took ${formatMs(kill.replanMs ?? 0)}, deploying the new stages ${formatMs(kill.redeployMs ?? 0)}, and the first answer came ${formatMs(kill.firstResultMs ?? 0)} after the failure. ${kill.resent} unanswered requests were sent again, and each was answered exactly once.`
      : 'Every node answers a heartbeat every 250 ms; three missed ones mean it is down. The dispatcher then plans again on the survivors (keeping stages where they are when that costs nothing), deploys the stage models that moved, and sends every unanswered request again, counting answers so that none is delivered twice. Kill a node in the cluster view to see the figures here.',
    figure: kill
      ? bars('ms after the failure', [
          { label: 'detected', value: kill.detectMs ?? 0, highlight: false },
          { label: 'replanned', value: (kill.detectMs ?? 0) + (kill.replanMs ?? 0), highlight: false },
          { label: 'first answer', value: kill.firstResultMs ?? 0, highlight: true },
        ])
      : bars('heartbeat timeline (ms)', [
          { label: 'heartbeat', value: 250, highlight: false },
          { label: 'declared dead', value: 750, highlight: true },
        ]),
  });
  return steps;
}

function bars(unit: string, items: { label: string; value: number; highlight: boolean }[]): TeachFigure {
  if (items.length <= MAX_BARS) return { kind: 'bars', unit, items };
  // long models: group neighbours so the figure stays readable; a group is highlighted if any member is
  const size = Math.ceil(items.length / MAX_BARS);
  const grouped = [];
  for (let i = 0; i < items.length; i += size) {
    const part = items.slice(i, i + size);
    grouped.push({ label: `${part[0].label}-${part[part.length - 1].label}`, value: Math.max(...part.map((p) => p.value)), highlight: part.some((p) => p.highlight) });
  }
  return { kind: 'bars', unit: `${unit} (max of ${size} neighbours)`, items: grouped };
}

function* interleave<T>(stages: T[], hops: T[]): Generator<T> {
  for (let i = 0; i < hops.length; i++) {
    yield hops[i];
    if (i < stages.length) yield stages[i];
  }
}
