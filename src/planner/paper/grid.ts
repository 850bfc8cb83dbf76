/**
 * The ITNAC experiment grid (arXiv 2210.12219) in paper mode: per model and algorithm, trials -> nodes -> caps (ascending)
 * -> classes, a fresh seeded SEIFER graph for every cell, and the notebooks' shared memo (filled by the first call,
 * cap 64 MB with 5 nodes), so the published quirks come out the same way.
 */
import { createRng, forkRng } from '../../util/rng';
import { paperBandwidthMatrix, paperPositions } from '../cluster-gen';
import { outcomeSeconds, paperJoint, paperKPath, paperRandom } from './algorithms';
import type { PaperMemo } from './partition';
import type { PaperModel } from './profiles';

export type PaperAlgorithm = 'kpath' | 'joint' | 'random';

export interface PaperGridSpec {
  models: PaperModel[];
  capsMB: number[];
  nodeCounts: number[];
  /** K-path's class counts; joint and random ignore them. */
  classCounts: number[];
  trials: number;
  seed: number;
  /** 'global' reproduces the published memo bug, 'fresh' is the fixed notebook. */
  memo: 'global' | 'fresh';
  algorithms?: PaperAlgorithm[];
}

export interface PaperCell {
  algorithm: PaperAlgorithm;
  model: string;
  capMB: number;
  nodes: number;
  /** K-path only. */
  classes?: number;
  /** Mean over trials, with the notebooks' encodings (0 s for one partition or a failed matching, Infinity if it does not fit). */
  meanSeconds: number;
  /** Sample standard deviation over trials (NaN when not finite). */
  sdSeconds: number;
  trials: number;
}

const ALGORITHM_LABEL: Record<PaperAlgorithm, number> = { kpath: 1, joint: 2, random: 3 };

export function runPaperGrid(spec: PaperGridSpec, onProgress?: (fraction: number) => void): PaperCell[] {
  const algorithms = spec.algorithms ?? ['kpath', 'joint', 'random'];
  const perTrial = spec.nodeCounts.length * spec.capsMB.length;
  const units = spec.models.length * spec.trials * perTrial * algorithms.reduce((s, a) => s + (a === 'kpath' ? spec.classCounts.length : 1), 0);
  let done = 0;
  const cells: PaperCell[] = [];
  spec.models.forEach((model, m) => {
    for (const algorithm of algorithms) {
      // one stream per (model, algorithm): adding a model or an algorithm leaves the others' numbers unchanged
      const rng = forkRng(createRng(spec.seed + 7919 * (m + 1)), ALGORITHM_LABEL[algorithm]);
      const memo: PaperMemo = new Map();
      const values = new Map<string, number[]>();
      const record = (capMB: number, nodes: number, classes: number | undefined, seconds: number) => {
        const key = `${capMB}|${nodes}|${classes ?? ''}`;
        if (!values.has(key)) values.set(key, []);
        values.get(key)!.push(seconds);
        if (++done % 200 === 0) onProgress?.(done / units);
      };
      for (let trial = 0; trial < spec.trials; trial++) {
        for (const nodes of spec.nodeCounts) {
          for (const capMB of spec.capsMB) {
            const classList = algorithm === 'kpath' ? spec.classCounts : [undefined];
            for (const classes of classList) {
              const bandwidth = paperBandwidthMatrix(paperPositions(rng, nodes));
              const cellMemo = spec.memo === 'global' ? memo : new Map();
              const outcome =
                algorithm === 'kpath'
                  ? paperKPath(model, capMB, bandwidth, classes!, cellMemo, rng)
                  : algorithm === 'joint'
                    ? paperJoint(model, capMB, bandwidth, cellMemo)
                    : paperRandom(model, capMB, bandwidth, rng);
              record(capMB, nodes, classes, outcomeSeconds(outcome));
            }
          }
        }
      }
      for (const [key, list] of values) {
        const [capMB, nodes, classes] = key.split('|');
        cells.push({ algorithm, model: model.name, capMB: Number(capMB), nodes: Number(nodes), classes: classes ? Number(classes) : undefined, ...stats(list), trials: list.length });
      }
    }
  });
  onProgress?.(1);
  return cells;
}

function stats(values: number[]): { meanSeconds: number; sdSeconds: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (!Number.isFinite(mean) || values.length < 2) return { meanSeconds: mean, sdSeconds: NaN };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { meanSeconds: mean, sdSeconds: Math.sqrt(variance) };
}
