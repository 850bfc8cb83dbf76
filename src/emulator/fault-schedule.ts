/** Faults planned ahead (CLI --kill n2@5, seeded chaos schedules): plain data, applied at their times. */
import { errors } from '../errors';
import type { Dispatcher } from './dispatcher';

export type ScheduledFault =
  | { kind: 'kill' | 'hang' | 'revive'; node: string; atSec: number }
  | { kind: 'cut' | 'restore'; from: string; to: string; atSec: number };

/** Parses 'n2@5' (node faults) or 'n1-n2@5' (link faults; both directions). */
export function parseFaultSpec(kind: ScheduledFault['kind'], text: string): ScheduledFault[] {
  const m = /^([^@]+)@(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m) throw errors.badOption(`--${kind}`, text, kind === 'cut' || kind === 'restore' ? 'A-B@SECONDS, e.g. n1-n2@5' : 'NODE@SECONDS, e.g. n2@5');
  const atSec = Number(m[2]);
  if (kind === 'cut' || kind === 'restore') {
    const ends = m[1].split('-');
    if (ends.length !== 2 || !ends[0] || !ends[1]) throw errors.badOption(`--${kind}`, text, 'A-B@SECONDS, e.g. n1-n2@5');
    return [
      { kind, from: ends[0], to: ends[1], atSec },
      { kind, from: ends[1], to: ends[0], atSec },
    ];
  }
  return [{ kind, node: m[1], atSec }];
}

export function applyFault(dispatcher: Dispatcher, fault: ScheduledFault): void {
  switch (fault.kind) {
    case 'kill': return dispatcher.kill(fault.node);
    case 'hang': return dispatcher.hang(fault.node);
    case 'revive': return dispatcher.revive(fault.node);
    case 'cut': return dispatcher.cutLink(fault.from, fault.to);
    case 'restore': return dispatcher.restoreLink(fault.from, fault.to);
  }
}
