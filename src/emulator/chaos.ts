/** Seeded random fault schedules of every kind: for the exactly-once tests, and the page's chaos switch. */
import { randomInt, type Rng } from '../util/rng';
import type { ScheduledFault } from './fault-schedule';

export interface ChaosOptions {
  nodeIds: readonly string[];
  durationSec: number;
  /** How many faults; each comes with its repair later (a kill with a revive, a cut with a restore, a slowdown with its end). */
  count: number;
}

/** Faults at random times in the first 80 % of the run; everything is repaired by then, so the run can finish. */
export function randomFaultSchedule(rng: Rng, options: ChaosOptions): ScheduledFault[] {
  const { nodeIds, durationSec, count } = options;
  const faults: ScheduledFault[] = [];
  const endSec = durationSec * 0.8;
  for (let k = 0; k < count; k++) {
    const atSec = round(rng() * endSec * 0.9);
    const repairSec = round(atSec + 0.3 + rng() * (endSec - atSec));
    const node = nodeIds[randomInt(rng, 0, nodeIds.length - 1)];
    const roll = rng();
    if (roll < 0.3) {
      faults.push({ kind: 'kill', node, atSec }, { kind: 'revive', node, atSec: repairSec });
    } else if (roll < 0.5) {
      faults.push({ kind: 'hang', node, atSec }, { kind: 'revive', node, atSec: repairSec });
    } else if (roll < 0.65) {
      faults.push({ kind: 'slow', node, factor: 4, atSec }, { kind: 'slow', node, factor: 1, atSec: repairSec });
    } else {
      let other = nodeIds[randomInt(rng, 0, nodeIds.length - 1)];
      if (other === node) other = nodeIds[(nodeIds.indexOf(node) + 1) % nodeIds.length];
      if (other === node) continue; // one node: no link to break
      if (roll < 0.85) faults.push({ kind: 'cut', from: node, to: other, both: true, atSec }, { kind: 'restore', from: node, to: other, both: true, atSec: repairSec });
      else faults.push({ kind: 'degrade', from: node, to: other, both: true, factor: 10, atSec }, { kind: 'restore', from: node, to: other, both: true, atSec: repairSec });
    }
  }
  return faults.sort((a, b) => a.atSec - b.atSec);
}

const round = (x: number) => Math.round(x * 100) / 100;
