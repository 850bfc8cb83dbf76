/**
 * From raw measurements to the planner's figures (docs/design.md, "Real devices", measurement): a member's block
 * times to its effective GFLOPS, round trips of small and large probes to a link's latency and bandwidth, and the
 * measured members and links to a cluster file the planner plans on. Medians, so one hiccup does not decide a plan;
 * spreads, so the page can say how sure a figure is.
 */
import type { ClusterFile } from '../emulator/cluster-file';
import { DISPATCHER } from '../emulator/node-protocol';
import { percentile } from '../emulator/percentiles';
import type { MeasuredLink, MemberInfo, MemberSpeed } from './types';

/** A member that gives no memory hint is planned with this much (a small phone's share for a tab). */
export const DEFAULT_MEMORY_BYTES = 2 ** 30;
/** A transfer faster than this is below what a timer can see: the link is planned as this fast. */
const MIN_TRANSFER_MS = 0.05;

export function median(values: readonly number[]): number {
  return (
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    ) ?? 0
  );
}

/** (max - min) / median, in percent; 0 for fewer than two values. */
export function spreadPct(values: readonly number[]): number {
  const mid = median(values);
  return values.length < 2 || mid <= 0 ? 0 : ((Math.max(...values) - Math.min(...values)) / mid) * 100;
}

/**
 * `msPerBlock[rep][block]` on a member, for a model of `totalFlops`, and `wholeMs[rep]`, the blocks run as one model.
 * Each run has a fixed cost besides its FLOPs (a call into the runtime; on a worker, a message each way): summed over
 * every block, that cost would make a member look several times slower than a stage of many blocks runs. So the
 * speed comes from the whole chain as one model when it was timed, else from the sum of the block medians.
 */
export function memberSpeed(id: string, msPerBlock: number[][], totalFlops: number, wholeMs?: number[]): MemberSpeed {
  const blocks = msPerBlock[0].length;
  const perBlock = Array.from({ length: blocks }, (_, b) => median(msPerBlock.map((row) => row[b])));
  const runs = wholeMs ?? msPerBlock.map((row) => row.reduce((s, v) => s + v, 0));
  const totalMs = Math.max(MIN_TRANSFER_MS, wholeMs ? median(wholeMs) : perBlock.reduce((s, v) => s + v, 0));
  return { id, msPerBlock: perBlock, gflops: totalFlops / (totalMs * 1e6), spreadPct: spreadPct(runs) };
}

/**
 * A link from round trips of small probes and of large probes of `bytes`. The fastest small round trip is the path's
 * own delay (anything slower waited behind something else): latency is half of it. A large probe's extra time over it
 * is the transfer of `bytes` one way (the echo is small): bandwidth is the median of those rates.
 */
export function measuredLink(from: string, to: string, smallRttMs: number[], largeRttMs: number[], bytes: number, path: MeasuredLink['path']): MeasuredLink {
  const small = Math.min(...smallRttMs);
  const rates = largeRttMs.map((rtt) => bytes / (Math.max(MIN_TRANSFER_MS, rtt - small) / 1000));
  return { from, to, latencyMs: small / 2, bandwidthBytesPerSec: median(rates), spreadPct: spreadPct(rates), path };
}

/** The measured cluster: members with a speed and every link between them and the host measured ('host' becomes the dispatcher). */
export function measuredCluster(members: MemberInfo[], speeds: Map<string, MemberSpeed>, links: Map<string, MeasuredLink>): ClusterFile {
  const ready = members.filter((m) => m.state !== 'gone' && speeds.has(m.id));
  if (ready.length === 0) throw new Error('no measured member: let devices join, then measure');
  const ids = [...ready.map((m) => m.id), 'host'];
  const link = (a: string, b: string): MeasuredLink => {
    const found = links.get(`${a}->${b}`);
    if (!found) throw new Error(`the link ${a} -> ${b} was not measured: measure again now that every member is here`);
    return found;
  };
  const matrix = (field: (l: MeasuredLink) => number) => ids.map((a) => ids.map((b) => (a === b ? 0 : field(link(a, b)))));
  return {
    nodes: [...ready.map((m) => ({ id: m.id, memoryBytes: m.memoryBytes ?? DEFAULT_MEMORY_BYTES, gflops: speeds.get(m.id)!.gflops })), { id: DISPATCHER, memoryBytes: 0, gflops: 1 }],
    bandwidthMbps: matrix((l) => (l.bandwidthBytesPerSec * 8) / 1e6),
    latencyMs: matrix((l) => l.latencyMs),
    dispatcher: DISPATCHER,
  };
}
