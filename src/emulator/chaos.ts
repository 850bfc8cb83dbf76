/** Seeded random fault schedules: for the exactly-once tests, and the page's chaos switch. */
import { randomInt, type Rng } from '../util/rng';
import type { ScheduledFault } from './fault-schedule';

export interface ChaosOptions {
  nodeIds: readonly string[];
  durationSec: number;
  /** How many faults (each kill/hang comes with its revive later, each cut with its restore). */
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
    if (roll < 0.45) {
      faults.push({ kind: 'kill', node, atSec }, { kind: 'revive', node, atSec: repairSec });
    } else if (roll < 0.7) {
      faults.push({ kind: 'hang', node, atSec }, { kind: 'revive', node, atSec: repairSec });
    } else {
      let other = nodeIds[randomInt(rng, 0, nodeIds.length - 1)];
      if (other === node) other = nodeIds[(nodeIds.indexOf(node) + 1) % nodeIds.length];
      faults.push({ kind: 'cut', from: node, to: other, atSec }, { kind: 'restore', from: node, to: other, atSec: repairSec });
    }
  }
  return faults.sort((a, b) => a.atSec - b.atSec);
}

const round = (x: number) => Math.round(x * 100) / 100;
