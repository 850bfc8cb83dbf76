/**
 * SEIFER's "approximation ratio" (its optimality_check notebook): K-path's bottleneck over max(Tsel) / (fastest
 * link of the graph), averaged over trials at 50 nodes, 64 MB, C = 20, with a fresh memo per call, stopping a model
 * at its first failed run. The denominator only bounds placement for K-path's own partition: it is a weak lower
 * bound, not an optimum, which is why the bench reports it under SEIFER's name.
 */
import type { Rng } from '../../util/rng';
import { paperBandwidthMatrix, paperPositions } from '../cluster-gen';
import { paperKPath } from './algorithms';
import type { PaperModel } from './profiles';

export interface ApproxRatio {
  model: string;
  meanRatio: number;
  trials: number;
  /** The run that stopped the model early (SEIFER's `break` on NotImplementedError / MemoryError), if any. */
  stoppedBy?: string;
}

export function approximationRatio(model: PaperModel, trials: number, rng: Rng, { nodes = 50, capMB = 64, classes = 20 } = {}): ApproxRatio {
  let mean = 0;
  for (let i = 0; i < trials; i++) {
    const bandwidth = paperBandwidthMatrix(paperPositions(rng, nodes));
    const outcome = paperKPath(model, capMB, bandwidth, classes, new Map(), rng);
    if (outcome.kind !== 'value') return { model: model.name, meanRatio: mean, trials: i, stoppedBy: outcome.kind };
    let fastest = 0;
    for (let u = 0; u < nodes; u++) for (let v = u + 1; v < nodes; v++) fastest = Math.max(fastest, bandwidth[u][v]);
    const bound = Math.max(...outcome.transfersMbit!) / fastest;
    mean += (outcome.seconds / bound - mean) / (i + 1);
  }
  return { model: model.name, meanRatio: mean, trials };
}
