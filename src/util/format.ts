/** Numbers for people: sizes, durations, rates and counts with units, rounded to what matters (the page and the CLI). */

/** Binary units, labelled as such: bytes / 2^20 is MiB (a MB would be 10^6 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(bytes >= 100 * 2 ** 20 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes >= 100 * 1024 ? 0 : 1)} KiB`;
  return `${Math.round(bytes)} B`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatRate(perSec: number | null): string {
  if (perSec === null || !Number.isFinite(perSec)) return '-';
  return perSec >= 100 ? perSec.toFixed(0) : perSec >= 10 ? perSec.toFixed(1) : perSec.toFixed(2);
}

export function formatFlops(flops: number): string {
  if (flops >= 1e9) return `${(flops / 1e9).toFixed(2)} GFLOPs`;
  if (flops >= 1e6) return `${(flops / 1e6).toFixed(1)} MFLOPs`;
  if (flops >= 1e3) return `${(flops / 1e3).toFixed(1)} kFLOPs`;
  return `${Math.round(flops)} FLOPs`;
}

/** 1.23 G, 456 M, ... without a unit: callers say FLOPs or params. */
export function formatCount(count: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, suffix] of units) if (Math.abs(count) >= scale) return `${(count / scale).toFixed(count / scale < 10 ? 2 : 1)} ${suffix}`;
  return String(count);
}
