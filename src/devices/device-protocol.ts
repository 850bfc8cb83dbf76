/**
 * What the host and a member say to each other on top of the session service (docs/design.md, "Real devices").
 * Control goes in the server's `node` JSON messages: `{p: <node-protocol message>}` (heartbeats, probe requests,
 * reports) or `{d: <kind>, ...}` (the devices layer: peers, calibration results, hang). Data goes in envelopes on the
 * data plane (src/devices/data-plane.ts) with the same `p` or `d` header and its parts (tensors, model bytes).
 * The host reads nothing from a member without checking its shape first: a member is a stranger's device.
 */
import type { NodeReport } from '../emulator/node-protocol';
import type { LinkEmulation, PeerTraffic } from './data-plane';
import { DROPPED_BUSY } from '../session/messages';
import { isPlainObject, literal, number, objectOf, orNull, text, type Check } from '../session/json-checks';

/** At most this many whole-chain calibration runs in one answer. */
export const MAX_WHOLE_RUNS = 400;

/** A member's per-block calibration: `msPerBlock[rep][block]`, and `wholeMs[rep]`, the whole chain as one model, when asked. */
export interface CalibratedBlocks {
  d: 'calibrated-blocks';
  seq: number;
  msPerBlock: number[][];
  wholeMs?: number[];
}

const id = text(1, 16, /^(dispatcher|m[1-9][0-9]{0,5})$/);
const count = number(0, Number.MAX_SAFE_INTEGER, true);
const ms = number(0, 1e9);
const message = text(0, 2000);

const hop: Check = (value, path) => objectOf(value, path, { to: id, bytes: number(0, 1e12), ms, count });
const status: Check = (value, path) =>
  objectOf(value, path, {
    busyMs: ms,
    queued: count,
    stageEpoch: number(-1, Number.MAX_SAFE_INTEGER, true),
    latestEpoch: number(-1, Number.MAX_SAFE_INTEGER, true),
    serviceMs: orNull(ms),
    runs: count,
    hop: orNull(hop),
    hostBound: (v, p) => (typeof v === 'boolean' ? null : `${p} must be true or false`),
    slowestRunMs: ms,
  });

const REPORTS: Record<NodeReport['type'], Record<string, Check>> = {
  tensor: { epoch: count, requestId: count, bytes: count },
  deployed: { epoch: count },
  'deploy-failed': { epoch: count, message },
  pong: { seq: count, status },
  'link-stalled': { to: id },
  'send-failed': { to: id },
  'probe-result': { seq: count, to: id, bytes: count, roundTripMs: ms },
  calibrated: { seq: count, flops: number(0, 1e18), ms },
  error: { message },
  'probe-data': { seq: count, bytes: count },
  'probe-echo': { seq: count },
};

/** A node-protocol report from a member, checked key by key; null when it is not one. */
export function checkReport(value: unknown): NodeReport | null {
  if (!isPlainObject(value) || typeof value.type !== 'string' || !Object.hasOwn(REPORTS, value.type)) return null;
  const checks = REPORTS[value.type as NodeReport['type']];
  return objectOf(value, 'report', { type: literal(value.type), ...checks }) === null ? (value as unknown as NodeReport) : null;
}

/** A calibration result, checked: `repetitions` rows of `blocks` non-negative times, and `repetitions` to MAX_WHOLE_RUNS whole-chain times when `whole` was asked. */
export function checkCalibrated(value: Record<string, unknown>, blocks: number, repetitions: number, whole = false): CalibratedBlocks | null {
  const rows = value.msPerBlock;
  const times = (row: unknown, length: number): row is number[] => Array.isArray(row) && row.length === length && row.every((v) => typeof v === 'number' && v >= 0 && v < 1e9);
  if (typeof value.seq !== 'number' || !Array.isArray(rows) || rows.length !== repetitions) return null;
  if (!rows.every((row) => times(row, blocks))) return null;
  if (!whole) return { d: 'calibrated-blocks', seq: value.seq, msPerBlock: rows as number[][] };
  const wholeMs = value.wholeMs;
  return Array.isArray(wholeMs) && wholeMs.length >= repetitions && times(wholeMs, Math.min(wholeMs.length, MAX_WHOLE_RUNS))
    ? { d: 'calibrated-blocks', seq: value.seq, msPerBlock: rows as number[][], wholeMs }
    : null;
}

const traffic: Check = (value, path) =>
  objectOf(value, path, { to: text(1, 7, /^(host|m[1-9][0-9]{0,5})$/), bytes: count, transferBytesPerSec: orNull(number(0, 1e15)), path: literal('direct', 'relay') });

/** A member's traffic report (`{d: 'traffic', hops}`), checked: at most one entry per member of a full session. */
export function checkTraffic(value: Record<string, unknown>): PeerTraffic[] | null {
  const hops = value.hops;
  if (!Array.isArray(hops) || hops.length > 64) return null;
  return hops.every((h, i) => traffic(h, `hops[${i}]`) === null) ? (hops as PeerTraffic[]) : null;
}

const emulation: Check = (value, path) =>
  objectOf(
    value,
    path,
    {},
    { bandwidthMbps: orNull(number(1e-6, 1e6)), latencyMs: number(0, 60_000), isUp: (v, p) => (typeof v === 'boolean' ? null : `${p} must be true or false`), drop: number(0, 1e6, true) },
  );

/** The host's `{d: 'link', to, change}`: emulate this member's link to `to` (a member or the dispatcher); null when malformed. */
export function checkLinkEmulation(value: Record<string, unknown>): { to: string; change: Partial<LinkEmulation> | null } | null {
  if (!(value.change === null || emulation(value.change, 'change') === null) || typeof value.to !== 'string' || id(value.to, 'to') !== null) return null;
  return { to: value.to, change: value.change as Partial<LinkEmulation> | null };
}

/** The host's `{d: 'speed', gflops}`: compute as a device of this speed (results held until it would have finished), null = its own speed. */
export function checkSpeed(value: Record<string, unknown>): { gflops: number | null } | null {
  return value.gflops === null || number(1e-6, 1e9)(value.gflops, 'gflops') === null ? { gflops: value.gflops as number | null } : null;
}

/**
 * Whether the server's `dropped` means the destination is gone (a send to it failed, as a socket would show) rather
 * than busy (its queue was full: that message is lost, the dispatcher's timeouts resend it).
 */
export function destinationGone(reason: string): boolean {
  return reason !== DROPPED_BUSY;
}
