/**
 * Throughput, latency and busy share: computed here and nowhere else (docs/design.md, "Metrics").
 * - Throughput: completed requests per second of emulated time over a window. Live, the window is the last
 *   max(2 s, 5 bottlenecks) (long enough to hold several completions of a slow pipeline, short enough to show
 *   a recovery's dip); for a whole run, it spans the first to the last completion while the load was on.
 * - Latency: acceptance to first answer of each completed request, as percentiles.
 * - Busy share: the share of a window a node's device spent computing, from the busy time it reports.
 */
import { percentile, type LatencySummary } from './percentiles';

export const MIN_THROUGHPUT_WINDOW_MS = 2000;

/** The live throughput window for a plan whose bottleneck is `bottleneckMs` (null: no plan). */
export function throughputWindowMs(bottleneckMs: number | null): number {
  return Math.max(MIN_THROUGHPUT_WINDOW_MS, 5 * (bottleneckMs ?? 0));
}

/** A growable array of numbers (completion times, latencies) without a million boxed values. */
class Series {
  values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

export class RunMetrics {
  private readonly completedAt = new Series();
  private readonly latencies = new Series();
  /** First completion inside the live window (completion times only grow). */
  private windowHead = 0;
  private readonly busySamples = new Map<string, { atMs: number; busyMs: number }[]>();

  recordCompletion(atMs: number, latencyMs: number): void {
    this.completedAt.push(atMs);
    this.latencies.push(latencyMs);
  }

  /** Completions per second over the last `windowMs` (or since `sinceMs` when that is shorter). */
  throughputPerSec(nowMs: number, windowMs: number, sinceMs: number): number {
    const spanMs = Math.min(windowMs, nowMs - sinceMs);
    if (spanMs <= 0) return 0;
    const times = this.completedAt.values;
    // the head only moves forward while windows end at now; a wider window (a slower plan) starts over
    if (this.windowHead > 0 && times[this.windowHead - 1] > nowMs - spanMs) this.windowHead = 0;
    while (this.windowHead < this.completedAt.length && times[this.windowHead] <= nowMs - spanMs) this.windowHead++;
    let count = 0;
    for (let i = this.windowHead; i < this.completedAt.length && times[i] <= nowMs; i++) count++;
    return (count * 1000) / spanMs;
  }

  /** The run's steady rate: completions per second from the first to the last completion at or before `endMs`. */
  steadyThroughputPerSec(endMs: number): number {
    const times = this.completedAt.values;
    let last = this.completedAt.length - 1;
    while (last >= 0 && times[last] > endMs) last--;
    if (last < 1) return 0;
    const spanMs = times[last] - times[0];
    return spanMs > 0 ? (last * 1000) / spanMs : 0;
  }

  /** Latency percentiles of the completions in the last `windowMs`. */
  windowLatency(nowMs: number, windowMs: number): LatencySummary {
    const times = this.completedAt.values;
    let first = this.completedAt.length;
    while (first > 0 && times[first - 1] > nowMs - windowMs) first--;
    return summarize(this.latencies.values.subarray(first, this.completedAt.length));
  }

  /** Latency percentiles of every completion so far. */
  overallLatency(): LatencySummary {
    return summarize(this.latencies.values.subarray(0, this.latencies.length));
  }

  recordBusy(node: string, atMs: number, busyMs: number, windowMs: number): void {
    const samples = this.busySamples.get(node) ?? [];
    if (samples.length > 0 && busyMs < samples[samples.length - 1].busyMs) samples.length = 0; // the node restarted
    samples.push({ atMs, busyMs });
    while (samples.length > 2 && samples[1].atMs < atMs - windowMs) samples.shift();
    this.busySamples.set(node, samples);
  }

  /** Share of the recent window the node spent computing, 0..100. */
  busyPercent(node: string): number {
    const samples = this.busySamples.get(node);
    if (!samples || samples.length < 2) return 0;
    const first = samples[0];
    const last = samples[samples.length - 1];
    const span = last.atMs - first.atMs;
    return span > 0 ? Math.max(0, Math.min(100, ((last.busyMs - first.busyMs) / span) * 100)) : 0;
  }
}

function summarize(values: Float64Array): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) };
}
