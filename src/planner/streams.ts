/** One random stream per algorithm from the caller's seed, so `best` can replay exactly what each baseline does. */
import { createRng, type Rng } from '../util/rng';
import type { AlgorithmName } from './types';

const LABELS: Record<AlgorithmName, number> = { best: 1, optimal: 2, kpath: 3, joint: 4, random: 5, btsp: 6 };

export function streamFor(seed: number, algorithm: AlgorithmName): Rng {
  return createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(LABELS[algorithm], 0x85ebca6b)) >>> 0);
}
