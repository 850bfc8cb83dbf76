/**
 * Faults as plain data: what the world suffers and when (CLI --kill n2@5, the page's clicks, seeded chaos).
 * They are injected into the world (links and devices) by the FaultInjector; the dispatcher is never told.
 */
import { errors } from '../errors';

/** Faults of one device. `factor` (slow): the device computes that many times slower (1 = as configured again). */
export type NodeFault = { atSec: number; node: string } & ({ kind: 'kill' | 'hang' | 'revive' } | { kind: 'slow'; factor: number } | { kind: 'slow-links'; factor: number });

/**
 * Faults of the link from -> to, and of to -> from as well when `both`. degrade: the rate divided by `factor`
 * (1 = as configured again); restore: up again at the configured rate; drop: the next `count` messages lost.
 */
export type LinkFault = { atSec: number; from: string; to: string; both: boolean } & ({ kind: 'cut' | 'restore' } | { kind: 'degrade'; factor: number } | { kind: 'drop'; count: number });

export type ScheduledFault = NodeFault | LinkFault;
export type FaultKind = ScheduledFault['kind'];

export const FAULT_KINDS: readonly FaultKind[] = ['kill', 'hang', 'revive', 'slow', 'slow-links', 'cut', 'restore', 'degrade', 'drop'];

const DEFAULT_FACTOR = { slow: 4, 'slow-links': 10, degrade: 10 } as const;

export function isLinkFault(fault: ScheduledFault): fault is LinkFault {
  return 'from' in fault;
}

/** The fault's place: a node id, or 'a->b' / 'a<->b' for a link. */
export function faultTarget(fault: ScheduledFault): { node?: string; link?: string } {
  return isLinkFault(fault) ? { link: `${fault.from}${fault.both ? '<->' : '->'}${fault.to}` } : { node: fault.node };
}

/**
 * Parses a CLI fault: 'n2@5' (kill, hang, revive), 'n2@5[:FACTOR]' (slow: the CPU FACTOR times slower, default 4),
 * 'n1-n2@5' (cut, restore: both directions), 'n1-n2@5[:FACTOR]' (degrade: the link FACTOR times slower, default 10),
 * 'n1-n2@5:COUNT' (drop: COUNT messages lost each way).
 */
export function parseFaultSpec(kind: FaultKind, text: string): ScheduledFault {
  const isLink = kind === 'cut' || kind === 'restore' || kind === 'degrade' || kind === 'drop';
  const hasNumber = kind === 'slow' || kind === 'slow-links' || kind === 'degrade' || kind === 'drop';
  const shape = `${isLink ? 'A-B' : 'NODE'}@SECONDS${hasNumber ? (kind === 'drop' ? ':COUNT' : '[:FACTOR]') : ''}, e.g. ${isLink ? 'n1-n2' : 'n2'}@5${kind === 'drop' ? ':3' : hasNumber ? ':4' : ''}`;
  const m = /^([^@]+)@(\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(text.trim());
  if (!m || (m[3] !== undefined && !hasNumber) || (kind === 'drop' && m[3] === undefined)) throw errors.badOption(`--${kind}`, text, shape);
  const atSec = Number(m[2]);
  const number = m[3] === undefined ? undefined : Number(m[3]);
  if (kind === 'drop' && !(Number.isInteger(number) && (number as number) >= 1)) throw errors.badOption(`--${kind}`, text, `a whole COUNT >= 1: ${shape}`);
  if (number !== undefined && kind !== 'drop' && !(number >= 1 && number <= 1e6)) throw errors.badOption(`--${kind}`, text, `a FACTOR from 1 (as configured) to 1000000: ${shape}`);
  if (!isLink) {
    const node = m[1];
    if (kind === 'slow' || kind === 'slow-links') return { kind, node, atSec, factor: number ?? DEFAULT_FACTOR[kind] };
    return { kind: kind as 'kill' | 'hang' | 'revive', node, atSec };
  }
  const ends = m[1].split('-');
  if (ends.length !== 2 || !ends[0] || !ends[1] || ends[0] === ends[1]) throw errors.badOption(`--${kind}`, text, shape);
  const [from, to] = ends;
  if (kind === 'degrade') return { kind, from, to, both: true, atSec, factor: number ?? DEFAULT_FACTOR.degrade };
  if (kind === 'drop') return { kind, from, to, both: true, atSec, count: number as number };
  return { kind: kind as 'cut' | 'restore', from, to, both: true, atSec };
}

/** The text parseFaultSpec(fault.kind, text) reads back as `fault` (a link fault's `both` is implied, as there). */
export function formatFaultSpec(fault: ScheduledFault): string {
  const where = isLinkFault(fault) ? `${fault.from}-${fault.to}` : fault.node;
  const number = 'factor' in fault ? `:${fault.factor}` : 'count' in fault ? `:${fault.count}` : '';
  return `${where}@${fault.atSec}${number}`;
}

/** Whether a fault undoes another (a revive, a restore, a slowdown back to factor 1). */
export function isRepair(fault: ScheduledFault): boolean {
  return fault.kind === 'revive' || fault.kind === 'restore' || ('factor' in fault && fault.factor === 1);
}

/** The node ids a fault names. */
export function faultNodes(fault: ScheduledFault): string[] {
  return isLinkFault(fault) ? [fault.from, fault.to] : [fault.node];
}
