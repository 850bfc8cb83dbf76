/** A short "why" for a plan: what limits it, and what would relieve it. Sentences for a person, from plain data. */
import type { Cluster, PlanReport, Profile } from '../../planner/types';
import { formatBytes, formatMs } from '../../util/format';

export function explainPlan(report: PlanReport, profile: Profile, cluster: Cluster): string[] {
  const limit = report.limitedBy;
  if (!limit) return ['Nothing takes time under this objective, so throughput has no limit: switch the objective to full to count compute.'];
  const lines = [limiter(report, profile, cluster, limit)];
  const terms = [...report.stages.map((s) => s.computeMs), ...report.hops.map((h) => h.ms)].sort((a, b) => b - a);
  const next = terms[1];
  if (next !== undefined && next > 0) {
    lines.push(`The next slowest step takes ${formatMs(next)}, so relieving the bottleneck alone can raise throughput at most ${(report.bottleneckMs / next).toFixed(2)}x.`);
  }
  if (report.lowerBoundMs >= report.bottleneckMs - 1e-9) lines.push(`No plan can do better: ${formatMs(report.bottleneckMs)} is proven optimal for this cluster.`);
  else {
    const above = ((report.bottleneckMs / report.lowerBoundMs - 1) * 100).toFixed(1);
    lines.push(
      `No plan can have a bottleneck under ${formatMs(report.lowerBoundMs)} (a proven lower bound); this plan's ${formatMs(report.bottleneckMs)} is ${above} % above that bound, so it is at most ${above} % slower than the optimum, which lies between the two.`,
    );
  }
  const used = new Set(report.stages.map((s) => s.node));
  const idle = cluster.nodes.filter((n) => n.id !== cluster.dispatcher && !used.has(n.id)).length;
  if (idle > 0) lines.push(`${idle} node${idle === 1 ? ' is' : 's are'} left idle: more stages would add hops slower than what they save.`);
  return lines;
}

/**
 * How two plans of the same scenario differ, in a sentence or two: how much slower one is, what holds it back,
 * and how the other is arranged instead.
 */
export function contrastPlans(a: PlanReport, b: PlanReport, profile: Profile, cluster: Cluster): string[] {
  const arrangement = (r: PlanReport) => `${r.stages.length} stage${r.stages.length === 1 ? '' : 's'} on ${r.stages.map((s) => s.node).join(', ')}`;
  if (Math.abs(a.bottleneckMs - b.bottleneckMs) <= 1e-9 * Math.max(a.bottleneckMs, 1)) {
    return [`${a.algorithm} and ${b.algorithm} reach the same bottleneck, ${formatMs(a.bottleneckMs)}: ${a.algorithm} with ${arrangement(a)}, ${b.algorithm} with ${arrangement(b)}.`];
  }
  const [slow, fast] = a.bottleneckMs > b.bottleneckMs ? [a, b] : [b, a];
  const lines = [
    `${slow.algorithm}'s plan is ${((slow.bottleneckMs / fast.bottleneckMs - 1) * 100).toFixed(1)} % slower than ${fast.algorithm}'s: its bottleneck is ${formatMs(slow.bottleneckMs)} against ${formatMs(fast.bottleneckMs)}, so it serves ${((fast.bottleneckMs / slow.bottleneckMs) * 100).toFixed(0)} % of the requests per second.`,
  ];
  if (slow.limitedBy) lines.push(`${slow.algorithm} (${arrangement(slow)}): ${lowerFirst(limiter(slow, profile, cluster, slow.limitedBy))}`);
  if (fast.limitedBy)
    lines.push(`${fast.algorithm} avoids it with ${arrangement(fast)}; its own slowest step: ${lowerFirst(limiter(fast, profile, cluster, fast.limitedBy)).replace(/^the bottleneck is /, '')}`);
  return lines;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function limiter(report: PlanReport, profile: Profile, cluster: Cluster, limit: NonNullable<PlanReport['limitedBy']>): string {
  if (limit.kind === 'stage') {
    const stage = report.stages[limit.index];
    const flops = profile.blocks.slice(stage.firstBlock, stage.lastBlock + 1).reduce((s, b) => s + b.flops, 0);
    const gflops = cluster.nodes.find((n) => n.id === stage.node)?.gflops ?? 0;
    const blocks = stage.lastBlock - stage.firstBlock + 1;
    const relief =
      blocks > 1 ? `a faster device, or splitting its ${blocks} blocks over more nodes, would relieve it` : 'it is a single block, which cannot be split: only a faster device relieves it';
    return `The bottleneck is stage ${limit.index + 1} on ${stage.node}: blocks ${stage.firstBlock}-${stage.lastBlock} need ${(flops / 1e6).toFixed(1)} MFLOPs at ${gflops} GFLOPS = ${formatMs(stage.computeMs)}; ${relief}.`;
  }
  const hop = report.hops[limit.index];
  const i = cluster.nodes.findIndex((n) => n.id === hop.from);
  const j = cluster.nodes.findIndex((n) => n.id === hop.to);
  const mbps = i >= 0 && j >= 0 ? cluster.bandwidthMbps[i][j] : 0;
  const carried = `${formatBytes(hop.bytes)} at ${mbps.toFixed(1)} Mbit/s = ${formatMs(hop.ms)}`;
  if (limit.index === 0)
    return `The bottleneck is the dispatcher's link to ${hop.to}: every request's input (${carried}) must cross it, and no split can shrink the input; only a faster link from the dispatcher relieves it.`;
  if (limit.index === report.hops.length - 1)
    return `The bottleneck is the way back: the output (${carried}) from ${hop.from} to the dispatcher; a faster link, or a last stage on a node closer to the dispatcher, relieves it.`;
  const cutAfter = report.stages[limit.index - 1].lastBlock;
  const smaller = smallestNearbyCut(profile, cutAfter, report.stages[limit.index - 1].firstBlock, report.stages[limit.index].lastBlock);
  const move = smaller ? `, or moving the cut to after block ${smaller.block} (${formatBytes(smaller.bytes)})` : '';
  return `The bottleneck is the hop ${hop.from} -> ${hop.to}: the cut after block ${cutAfter} sends ${carried}; a faster link between them${move} would relieve it.`;
}

/** The block boundary with the smallest tensor between two stages' blocks, if smaller than the one cut now. */
function smallestNearbyCut(profile: Profile, cutAfter: number, from: number, to: number): { block: number; bytes: number } | null {
  let best: { block: number; bytes: number } | null = null;
  for (let b = from; b < to; b++) {
    const bytes = profile.blocks[b].outBytes;
    if (bytes < profile.blocks[cutAfter].outBytes && (!best || bytes < best.bytes)) best = { block: b, bytes };
  }
  return best;
}
