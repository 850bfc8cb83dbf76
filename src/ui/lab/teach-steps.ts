/**
 * The Teach tab's guided walk through SEIFER's own method on the model and cluster at hand (docs/design.md,
 * "Planning"): the graph and its cut points, the memory-capped least-transfer partition, the transfer-size
 * classes and their thresholds, K-path matching, the bottleneck that results, what the optimum and `best` do
 * instead; then a failure with the measured figures: heartbeats, re-planning, redeploying, resending, exactly
 * once. Each step carries a bar chart (title, both axes, values) and a focus: what the cluster view and the
 * model view highlight while it is shown. Pure data; TeachPanel draws the chart, the views draw the focus.
 */
import type { FaultFigures } from '../../emulator/fault-log';
import type { ModelSummary } from '../../model/index';
import type { SeiferSteps } from '../../planner/seifer-explain';
import type { Cluster, PlanReport, Profile } from '../../planner/types';
import { formatBytes, formatFlops, formatMs, formatRate } from '../../util/format';
import { contrastPlans } from './why';

export interface TeachBar {
  label: string;
  value: number;
  highlight: boolean;
}

/** A bar chart: every bar is labelled on the x axis and carries its value; `lines` are reference values across it. */
export interface TeachFigure {
  title: string;
  xLabel: string;
  yLabel: string;
  bars: TeachBar[];
  lines: { label: string; value: number }[];
}

/** What the real views highlight during a step. Blocks are the model's own block numbers. */
export interface TeachFocus {
  caption: string;
  nodes: string[];
  links: { a: string; b: string }[];
  /** Cuts (after these blocks) the model view marks. */
  cuts: number[];
  /** Block ranges the model view brackets, each with a short label. */
  spans: { firstBlock: number; lastBlock: number; label: string }[];
}

export interface TeachStep {
  id: string;
  title: string;
  text: string;
  figure: TeachFigure;
  focus: TeachFocus;
  /** The failure step: the figures its arithmetic uses (for the page's test hooks and data attributes). */
  detection?: { periodMs: number; misses: number; limitMs: number; detectMs: number; detectedBy: string };
}

export interface TeachInput {
  summary: ModelSummary;
  /** The model's own blocks. */
  profile: Profile;
  /** Planning block i covers the model's blocks groups[i][0]..groups[i][1]. */
  groups: [number, number][];
  cluster: Cluster;
  /** SEIFER's steps on the planning profile (null while they are computed). */
  seifer: SeiferSteps | null;
  /** Plans by algorithm, in the model's block numbers (kpath, optimal, best when they exist). */
  plans: Partial<Record<'kpath' | 'optimal' | 'best', PlanReport>>;
  /** The running plan (block numbers). */
  running: PlanReport | null;
  faults: readonly FaultFigures[];
  heartbeat: { periodMs: number; misses: number };
  ledger: { completed: number; resends: number; lost: number; duplicated: number } | null;
}

type MethodInput = Omit<TeachInput, 'faults' | 'ledger'>;

const MAX_BARS = 24;
const MAX_FOCUS_LINKS = 80;
const NO_FOCUS: TeachFocus = { caption: '', nodes: [], links: [], cuts: [], spans: [] };

export function teachSteps(input: TeachInput): TeachStep[] {
  return [...methodSteps(input), ...failureSteps(input)];
}

/** Steps 1-6, SEIFER's method: they change with the model, the cluster and the plans, not with each sample. */
export function methodSteps(input: Omit<TeachInput, 'faults' | 'ledger'>): TeachStep[] {
  return [graphStep(input), partitionStep(input), classesStep(input), kpathStep(input), bottleneckStep(input), optimumStep(input)];
}

/** Steps 7-8, a failure and the recovery, from the measured figures (they change with each sample). */
export function failureSteps(input: Pick<TeachInput, 'faults' | 'heartbeat' | 'running' | 'ledger'>): TeachStep[] {
  return [heartbeatStep(input), recoveryStep(input)];
}

function graphStep({ summary, profile }: MethodInput): TeachStep {
  const cuts = profile.blocks.slice(0, -1).map((b, i) => ({ after: i, bytes: b.outBytes }));
  const smallest = cuts.reduce<{ after: number; bytes: number } | null>((m, c) => (m === null || c.bytes < m.bytes ? c : m), null);
  return {
    id: 'graph',
    title: '1. The model is a graph; it can be cut where one tensor carries everything',
    text: `${summary.name} has ${summary.nodeCount} ONNX nodes and needs ${formatFlops(summary.flops)} per request. A cut is possible only where a single tensor is all that later nodes need: this graph has ${summary.cutCount} such points, giving ${profile.blocks.length} blocks (marked on the model view). Each cut has a price, the bytes that cross the network there${smallest ? `; the cheapest is after block ${smallest.after} (${formatBytes(smallest.bytes)})` : ''}.`,
    figure: figure(
      'Bytes crossing each cut point',
      'cut after block',
      'KiB',
      cuts.map((c) => ({ label: `${c.after}`, value: c.bytes / 1024, highlight: c.after === smallest?.after })),
    ),
    focus: { ...NO_FOCUS, caption: `${cuts.length} cut points of ${summary.name}`, cuts: cuts.map((c) => c.after) },
  };
}

/** The model's block range of planning blocks first..last. */
function blockRange(groups: [number, number][], first: number, last: number): [number, number] {
  return groups.length > 0 ? [groups[first]?.[0] ?? first, groups[last]?.[1] ?? last] : [first, last];
}

function partitionStep({ seifer, groups }: MethodInput): TeachStep {
  const title = "2. SEIFER's partitioning: every piece must fit the smallest node";
  if (!seifer) return waiting('partition', title);
  const cap = seifer.capacityBytes;
  if (!seifer.partitions)
    return {
      id: 'partition',
      title,
      text: `SEIFER plans every partition for the smallest node's memory, ${formatBytes(cap)} on ${seifer.smallestNode}. This model cannot be cut into pieces that small at its cut points, so SEIFER has no plan here; the other planners size each stage for the node it runs on.`,
      figure: figure('Memory cap', 'node', 'MiB', [{ label: seifer.smallestNode, value: cap / 2 ** 20, highlight: true }]),
      focus: { ...NO_FOCUS, caption: `capacity: ${formatBytes(cap)} (${seifer.smallestNode})`, nodes: [seifer.smallestNode] },
    };
  const parts = seifer.partitions.map((p, k) => ({ ...p, k, range: blockRange(groups, p.firstBlock, p.lastBlock) }));
  const transfer = parts.reduce((s, p) => s + (p.outBytes ?? 0), 0);
  return {
    id: 'partition',
    title,
    text: `SEIFER sizes every partition for the smallest node's memory, ${formatBytes(cap)} on ${seifer.smallestNode} (highlighted), whatever node it lands on. Under that cap it chooses the cuts whose tensors add up to the least transfer (a shortest path over the cut points): ${parts.length} partition${parts.length === 1 ? '' : 's'}, ${formatBytes(transfer)} crossing between them per request. The model view brackets them.`,
    figure: {
      ...figure(
        'Memory of each partition, and the cap',
        'partition (blocks)',
        'MiB',
        parts.map((p) => ({ label: `P${p.k + 1} (${p.range[0]}-${p.range[1]})`, value: p.memoryBytes / 2 ** 20, highlight: false })),
      ),
      lines: [{ label: `cap ${formatBytes(cap)}`, value: cap / 2 ** 20 }],
    },
    focus: {
      ...NO_FOCUS,
      caption: `memory cap ${formatBytes(cap)}: the smallest node, ${seifer.smallestNode}`,
      nodes: [seifer.smallestNode],
      spans: parts.map((p) => ({ firstBlock: p.range[0], lastBlock: p.range[1], label: `P${p.k + 1}` })),
      cuts: parts.slice(0, -1).map((p) => p.range[1]),
    },
  };
}

function classesStep({ seifer, cluster }: MethodInput): TeachStep {
  const title = '3. Bandwidth classes: transfers grouped by size, biggest on the fastest links';
  if (!seifer?.partitions) return waiting('classes', title, seifer ? 'SEIFER found no partition, so there are no transfers to class.' : undefined);
  const transfers = seifer.partitions.slice(0, -1).map((p, k) => ({ k, bytes: p.outBytes ?? 0, cls: p.cls ?? 0 }));
  const edges = seifer.edgesBytes;
  const step = edges.length > 1 ? edges[1] - edges[0] : 0;
  const used = [...new Set(transfers.map((t) => t.cls))].sort((a, b) => b - a);
  const thresholds = used.map((c) => `class ${c}: ${formatBytes(Math.max(edges[c - 1] ?? 0, 0))} to ${formatBytes(edges[c] ?? 0)}`).join('; ');
  const firstRun = seifer.runs.find((r) => r.thresholdMbps !== null);
  const fast = firstRun?.thresholdMbps ?? null;
  if (transfers.length === 0) return single('classes', title, seifer, 'One partition holds the whole model: nothing crosses between nodes, so there is nothing to class.');
  return {
    id: 'classes',
    title,
    text: `SEIFER bins the ${transfers.length} transfer${transfers.length === 1 ? '' : 's'} between partitions into ${seifer.classCount} size classes of equal width, ${formatBytes(step)} each, from the model's smallest tensor (${formatBytes(edges[0] ?? 0)}) to its largest (${formatBytes(edges[edges.length - 1] ?? 0)}). Classes in use: ${thresholds}. Links are grouped by what each class needs: the largest class is placed first, on the fastest links${fast !== null ? ` (here links of at least ${fast.toFixed(1)} Mbit/s, highlighted)` : ''}; SEIFER looks at bandwidth alone, never at compute.`,
    figure: {
      ...figure(
        'Transfers between partitions (class)',
        'transfer (class)',
        'KiB',
        transfers.map((t) => ({ label: `P${t.k + 1}→P${t.k + 2} (c${t.cls})`, value: t.bytes / 1024, highlight: t.cls === used[0] })),
      ),
      // where each class in use begins: its threshold
      lines: used.slice(0, 3).map((c) => ({ label: `class ${c} from ${formatBytes(Math.max(edges[c - 1] ?? 0, 0))}`, value: Math.max(edges[c - 1] ?? 0, 0) / 1024 })),
    },
    focus: { ...NO_FOCUS, caption: fast !== null ? `links of at least ${fast.toFixed(1)} Mbit/s` : 'transfer classes', links: fastLinks(cluster, fast) },
  };
}

/** Links (either way) at least `mbps` fast, fastest first, a bounded number. */
function fastLinks(cluster: Cluster, mbps: number | null): { a: string; b: string }[] {
  if (mbps === null) return [];
  const links: { a: string; b: string; mbps: number }[] = [];
  const n = cluster.nodes.length;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const rate = Math.max(cluster.bandwidthMbps[i][j], cluster.bandwidthMbps[j][i]);
      if (rate >= mbps && cluster.nodes[i].id !== cluster.dispatcher && cluster.nodes[j].id !== cluster.dispatcher) links.push({ a: cluster.nodes[i].id, b: cluster.nodes[j].id, mbps: rate });
    }
  return links
    .sort((x, y) => y.mbps - x.mbps)
    .slice(0, MAX_FOCUS_LINKS)
    .map(({ a, b }) => ({ a, b }));
}

function kpathStep({ seifer }: MethodInput): TeachStep {
  const title = '4. K-path matching: consecutive partitions on a path of fast links';
  if (!seifer?.partitions) return waiting('kpath', title, seifer ? 'SEIFER found no partition, so nothing was placed.' : undefined);
  const runs = seifer.runs;
  const nodes = [...new Set(runs.flatMap((r) => r.nodes))];
  const links = runs.flatMap((r) => r.nodes.slice(1).map((b, i) => ({ a: r.nodes[i], b })));
  const failed = runs.find((r) => r.nodes.length === 0);
  if (runs.length === 0) return single('kpath', title, seifer, 'With a single partition there is no run to match: SEIFER puts the whole model on one node that holds it.');
  const text = `For each class, largest first, SEIFER takes each run of consecutive transfers of that class (longest first) and places its partitions on a path of distinct nodes whose slowest link is as fast as possible (a bottleneck k-path), joined to the nodes already placed. ${runs
    .map(
      (r) =>
        `Class ${r.cls}, P${r.firstPartition + 1}-P${r.lastPartition + 1}: ${r.nodes.length > 0 ? `${r.nodes.join(' → ')}, slowest link ${r.thresholdMbps === null ? 'none (one node)' : `${r.thresholdMbps.toFixed(1)} Mbit/s`}` : 'no path'}.`,
    )
    .join(' ')}${failed ? ' A run found no path, so SEIFER has no plan on this cluster.' : ''}`;
  return {
    id: 'kpath',
    title,
    text,
    figure: figure(
      "Each K-path run's slowest link",
      'run (class: partitions)',
      'Mbit/s',
      runs.map((r) => ({ label: `c${r.cls}: P${r.firstPartition + 1}-P${r.lastPartition + 1}`, value: r.thresholdMbps ?? 0, highlight: r === runs[0] })),
    ),
    focus: { ...NO_FOCUS, caption: `K-path: ${nodes.join(' → ')}`, nodes, links },
  };
}

function terms(plan: PlanReport): TeachBar[] {
  const end = (id: string, side: 'in' | 'out') => (id === 'dispatcher' ? side : id);
  const limit = plan.limitedBy;
  const bars: TeachBar[] = [];
  plan.hops.forEach((h, k) => {
    bars.push({ label: `${end(h.from, 'in')}→${end(h.to, 'out')}`, value: h.ms, highlight: limit?.kind === 'hop' && limit.index === k });
    const s = plan.stages[k];
    if (s) bars.push({ label: `${s.node} (s${k + 1})`, value: s.computeMs, highlight: limit?.kind === 'stage' && limit.index === k });
  });
  return bars;
}

function limitFocus(plan: PlanReport, caption: string): TeachFocus {
  const limit = plan.limitedBy;
  const nodes = plan.stages.map((s) => s.node);
  if (!limit) return { ...NO_FOCUS, caption, nodes };
  if (limit.kind === 'stage')
    return {
      ...NO_FOCUS,
      caption,
      nodes: [plan.stages[limit.index].node],
      spans: [{ firstBlock: plan.stages[limit.index].firstBlock, lastBlock: plan.stages[limit.index].lastBlock, label: 'bottleneck' }],
    };
  const hop = plan.hops[limit.index];
  return { ...NO_FOCUS, caption, nodes: [hop.from, hop.to].filter((id) => id !== 'dispatcher'), links: [{ a: hop.from, b: hop.to }] };
}

function limitWords(plan: PlanReport): string {
  const limit = plan.limitedBy;
  if (!limit) return 'nothing takes time under this objective';
  if (limit.kind === 'stage') return `stage ${limit.index + 1}'s compute on ${plan.stages[limit.index].node}`;
  const hop = plan.hops[limit.index];
  return `the hop ${hop.from} → ${hop.to} (${formatBytes(hop.bytes)})`;
}

function bottleneckStep({ plans }: MethodInput): TeachStep {
  const title = "5. The result: SEIFER's bottleneck";
  const k = plans.kpath;
  if (!k) return waiting('bottleneck', title, plans.best ? 'SEIFER (kpath) found no plan on this cluster: see the previous steps for where it stopped.' : undefined);
  return {
    id: 'bottleneck',
    title,
    text: `Requests flow dispatcher → ${k.stages.map((s) => s.node).join(' → ')} → dispatcher. In a pipeline every stage and every hop works on a different request at once, so the slowest step alone sets the pace: here ${limitWords(k)}, ${formatMs(k.bottleneckMs)}, so at most ${formatRate(k.throughputPerSec)} requests per second. Because SEIFER placed by bandwidth only, nothing stopped it from putting heavy compute on a slow device.`,
    figure: figure("SEIFER's plan: time per step", 'step', 'ms', terms(k)),
    focus: limitFocus(k, `SEIFER's bottleneck: ${limitWords(k)}, ${formatMs(k.bottleneckMs)}`),
  };
}

function optimumStep({ plans, profile, cluster }: MethodInput): TeachStep {
  const title = '6. What the optimum and best do differently';
  const { kpath, optimal, best } = plans;
  if (!optimal && !best) return waiting('optimum', title);
  const bars: TeachBar[] = (['kpath', 'optimal', 'best'] as const).flatMap((name) =>
    plans[name] ? [{ label: name === 'kpath' ? 'kpath (SEIFER)' : name, value: plans[name].bottleneckMs, highlight: name === 'kpath' }] : [],
  );
  const reference = optimal ?? best!;
  const contrast = kpath ? contrastPlans(kpath, reference, profile, cluster).join(' ') : `SEIFER (kpath) found no plan here; ${reference.algorithm} did.`;
  const bestWords = best
    ? ` best searches every cut (not only single-tensor ones) and sizes each stage for the node it runs on, counting compute and links together; it keeps SEIFER's own plan when that is better, so it is never worse: ${formatMs(best.bottleneckMs)}.`
    : '';
  return {
    id: 'optimum',
    title,
    text: `The optimum minimises the bottleneck over every plan (${optimal ? formatMs(optimal.bottleneckMs) : 'not computed on a cluster this big'}). ${contrast}${bestWords} The cluster view highlights ${reference.algorithm}'s nodes.`,
    figure: figure('Bottleneck of each planner on this cluster', 'planner', 'ms per request', bars),
    focus: {
      ...NO_FOCUS,
      caption: `${reference.algorithm}: ${reference.stages.map((s) => s.node).join(' → ')}, ${formatMs(reference.bottleneckMs)}`,
      nodes: reference.stages.map((s) => s.node),
      links: reference.hops.map((h) => ({ a: h.from, b: h.to })),
      spans: reference.stages.map((s, i) => ({ firstBlock: s.firstBlock, lastBlock: s.lastBlock, label: `${reference.algorithm} ${i + 1}` })),
    },
  };
}

/** The latest node failure the dispatcher noticed. */
function lastFailure(faults: readonly FaultFigures[]): FaultFigures | undefined {
  return [...faults].reverse().find((f) => (f.kind === 'kill' || f.kind === 'hang') && f.detectMs !== null);
}

function heartbeatStep({ faults, heartbeat, running }: Pick<TeachInput, 'faults' | 'heartbeat' | 'running'>): TeachStep {
  const { periodMs, misses } = heartbeat;
  const title = '7. Failure: how the dispatcher notices';
  const baseMs = periodMs * misses;
  const f = lastFailure(faults);
  if (!f || f.detectMs === null || !f.node) {
    return {
      id: 'heartbeat',
      title,
      text: `The dispatcher pings every node of the plan every ${periodMs} ms; a node that has not answered for ${misses} periods (${misses} × ${periodMs} ms = ${baseMs} ms) is declared dead. Its last answer came up to one period before it died and the check runs once a period, so heartbeats notice a hang between ${baseMs - periodMs} and ${baseMs + periodMs} ms after it. A killed node is usually noticed sooner: a send to it is refused at once. Kill or hang a node (click it) to see the measured figures here.`,
      figure: {
        ...figure('Heartbeat arithmetic (no failure yet)', 'quantity', 'ms', [
          { label: 'period', value: periodMs, highlight: false },
          { label: `${misses} missed`, value: baseMs, highlight: true },
        ]),
        lines: [],
      },
      focus: { ...NO_FOCUS, caption: `heartbeats every ${periodMs} ms to the plan's nodes`, nodes: running?.stages.map((s) => s.node) ?? [] },
    };
  }
  // a node busy in a long inference cannot answer: its deadline stretches to 3 of its runs (docs/design.md, "Detection and re-planning")
  const stage = running?.stages.find((s) => s.node === f.node);
  const limitMs = Math.max(baseMs, 3 * (stage?.computeMs ?? 0));
  const detectMs = f.detectMs;
  const periods = detectMs / periodMs;
  const by = f.detectedBy ?? 'heartbeats';
  const how =
    by === 'heartbeats'
      ? `No answer for ${misses} periods: ${misses} × ${periodMs} ms = ${baseMs} ms${limitMs > baseMs ? `, stretched to ${formatMs(limitMs)} (3 of its ${formatMs(stage?.computeMs ?? 0)} runs: a node computing cannot answer)` : ''}. Its last answer came up to one period before it failed and the check runs every ${periodMs} ms, so detection falls between ${formatMs(limitMs - periodMs)} and ${formatMs(limitMs + periodMs)}: measured ${formatMs(detectMs)} = ${periods.toFixed(1)} periods.`
      : `Heartbeats would have needed ${misses} × ${periodMs} ms = ${baseMs} ms without an answer (${formatMs(limitMs - periodMs)} to ${formatMs(limitMs + periodMs)} after the failure). They were not needed: a send to ${f.node} was refused (${by}), ${formatMs(detectMs)} after it failed (${periods.toFixed(2)} heartbeat periods).`;
  return {
    id: 'heartbeat',
    title,
    text: `${f.node} was ${f.kind === 'kill' ? 'killed' : 'hung'} at ${f.atSec} s. ${how}`,
    figure: {
      ...figure(`Detecting ${f.node}'s failure`, 'quantity', 'ms after the failure', [
        { label: 'period', value: periodMs, highlight: false },
        { label: `${misses} missed`, value: baseMs, highlight: false },
        { label: `measured (${by})`, value: detectMs, highlight: true },
      ]),
      lines: [],
    },
    focus: { ...NO_FOCUS, caption: `${f.node} failed at ${f.atSec} s, noticed after ${formatMs(detectMs)} (${by})`, nodes: [f.node] },
    detection: { periodMs, misses, limitMs, detectMs, detectedBy: by },
  };
}

function recoveryStep({ faults, running, ledger }: Pick<TeachInput, 'faults' | 'running' | 'ledger'>): TeachStep {
  const title = '8. Re-plan, redeploy, resend: exactly once';
  const f = lastFailure(faults);
  const counts = ledger ? ` So far ${ledger.completed} requests were answered, ${ledger.resends} copies sent again, ${ledger.lost} lost and ${ledger.duplicated} delivered twice.` : '';
  const focus: TeachFocus = {
    ...NO_FOCUS,
    caption: running ? `the plan now: ${running.stages.map((s) => s.node).join(' → ')}` : '',
    nodes: running?.stages.map((s) => s.node) ?? [],
    links: running?.hops.map((h) => ({ a: h.from, b: h.to })) ?? [],
  };
  if (!f || f.detectMs === null) {
    return {
      id: 'recovery',
      title,
      text: `After a failure the dispatcher plans again on the survivors (keeping stages where they are when that costs nothing), deploys only the stage models that moved, and sends every unanswered request again; it counts answers per request, so a late copy is dropped and none is delivered twice.${counts}`,
      figure: figure('Requests so far', 'count', 'requests', ledger ? ledgerBars(ledger) : []),
      focus,
    };
  }
  const replanned = f.detectMs + (f.replanMs ?? 0);
  const bars: TeachBar[] = [
    { label: 'detected', value: f.detectMs, highlight: false },
    { label: 're-planned', value: replanned, highlight: false },
  ];
  if (f.redeployMs !== null) bars.push({ label: 'redeployed', value: replanned + f.redeployMs, highlight: false });
  if (f.firstResultMs !== null) bars.push({ label: 'first answer', value: f.firstResultMs, highlight: true });
  return {
    id: 'recovery',
    title,
    text: `After noticing ${f.node}'s failure (${formatMs(f.detectMs)}), the dispatcher re-planned on the survivors in ${formatMs(f.replanMs ?? 0)}${f.redeployMs !== null ? `, deployed the stage models that moved in ${formatMs(f.redeployMs)}` : ''}, and sent the ${f.resent} unanswered request${f.resent === 1 ? '' : 's'} again${f.firstResultMs !== null ? `; the first answer came ${formatMs(f.firstResultMs)} after the failure` : ''}. Each request is answered exactly once: answers are counted per request, and a late copy is dropped.${counts}`,
    figure: figure(`Recovery from ${f.node}'s failure`, 'milestone', 'ms after the failure', bars),
    focus,
  };
}

function ledgerBars(ledger: NonNullable<TeachInput['ledger']>): TeachBar[] {
  return [
    { label: 'answered', value: ledger.completed, highlight: false },
    { label: 'sent again', value: ledger.resends, highlight: false },
    { label: 'lost', value: ledger.lost, highlight: ledger.lost > 0 },
    { label: 'twice', value: ledger.duplicated, highlight: ledger.duplicated > 0 },
  ];
}

/** A step when SEIFER's partition is the whole model: the model's memory against the cap it fits under. */
function single(id: string, title: string, seifer: SeiferSteps, text: string): TeachStep {
  const whole = seifer.partitions?.[0];
  return {
    id,
    title,
    text,
    figure: {
      ...figure("The whole model against SEIFER's memory cap", 'what', 'MiB', [{ label: 'model (P1)', value: (whole?.memoryBytes ?? 0) / 2 ** 20, highlight: true }]),
      lines: [{ label: `cap ${formatBytes(seifer.capacityBytes)}`, value: seifer.capacityBytes / 2 ** 20 }],
    },
    focus: { ...NO_FOCUS, caption: `one partition: the whole model fits ${formatBytes(seifer.capacityBytes)}`, nodes: [seifer.smallestNode] },
  };
}

function waiting(id: string, title: string, why?: string): TeachStep {
  return { id, title, text: why ?? 'Planning on this cluster…', figure: figure(title, '', '', []), focus: NO_FOCUS };
}

function figure(title: string, xLabel: string, yLabel: string, items: TeachBar[]): TeachFigure {
  if (items.length <= MAX_BARS) return { title, xLabel, yLabel, bars: items, lines: [] };
  // long models: group neighbours so the figure stays readable; a group is highlighted if any member is
  const size = Math.ceil(items.length / MAX_BARS);
  const bars: TeachBar[] = [];
  for (let i = 0; i < items.length; i += size) {
    const part = items.slice(i, i + size);
    bars.push({ label: `${part[0].label}-${part[part.length - 1].label}`, value: Math.max(...part.map((p) => p.value)), highlight: part.some((p) => p.highlight) });
  }
  return { title, xLabel: `${xLabel} (max of ${size} neighbours)`, yLabel, bars, lines: [] };
}
