/** Live metrics over a moving window: throughput, latency percentiles, per-node busy share. */
import { summarizeLatencies, type LatencySummary } from './percentiles';

export interface Completion {
  atMs: number;
  latencyMs: number;
}

export class WindowedMetrics {
  private readonly recent: Completion[] = [];
  private head = 0;
  private readonly all: number[] = [];
  private readonly busySamples = new Map<string, { atMs: number; busyMs: number }[]>();

  constructor(readonly windowMs = 5000) {}

  recordCompletion(atMs: number, latencyMs: number): void {
    this.recent.push({ atMs, latencyMs });
    this.all.push(latencyMs);
  }

  /** Completions per second over the last window (or since `sinceMs` when that is shorter). */
  throughputPerSec(nowMs: number, sinceMs = -Infinity): number {
    this.evict(nowMs);
    const spanMs = Math.min(this.windowMs, nowMs - sinceMs);
    if (spanMs <= 0) return 0;
    let count = 0;
    for (let i = this.head; i < this.recent.length; i++) if (this.recent[i].atMs > nowMs - spanMs) count++;
    return (count * 1000) / spanMs;
  }

  windowLatency(nowMs: number): LatencySummary {
    this.evict(nowMs);
    return summarizeLatencies(this.recent.slice(this.head).map((c) => c.latencyMs));
  }

  overallLatency(): LatencySummary {
    return summarizeLatencies(this.all);
  }

  /** Completion times inside [fromMs, toMs): for steady-state throughput over a chosen span. */
  completionsBetween(fromMs: number, toMs: number): number {
    let count = 0;
    for (const c of this.recent) if (c.atMs >= fromMs && c.atMs < toMs) count++;
    return count;
  }

  recordBusy(node: string, atMs: number, busyMs: number): void {
    const samples = this.busySamples.get(node) ?? [];
    samples.push({ atMs, busyMs });
    while (samples.length > 2 && samples[1].atMs < atMs - this.windowMs) samples.shift();
    this.busySamples.set(node, samples);
  }

  /** Share of the window the node spent computing, 0..100. */
  busyPercent(node: string): number {
    const samples = this.busySamples.get(node);
    if (!samples || samples.length < 2) return 0;
    const first = samples[0];
    const last = samples[samples.length - 1];
    const span = last.atMs - first.atMs;
    return span > 0 ? Math.max(0, Math.min(100, ((last.busyMs - first.busyMs) / span) * 100)) : 0;
  }

  private evict(nowMs: number): void {
    // keep everything for completionsBetween(); only move the head of the live window
    while (this.head < this.recent.length && this.recent[this.head].atMs <= nowMs - this.windowMs) this.head++;
  }
}
