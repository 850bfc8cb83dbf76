/**
 * SEIFER's published CSVs (data/seifer-published/, read by the caller) and the comparisons the paper bench makes:
 * cell lookups, the tolerance check, and the headline ratios both ways.
 */
import type { PaperAlgorithm } from './grid';

export interface PublishedCell {
  algorithm: PaperAlgorithm;
  model: string;
  capMB: number;
  nodes: number;
  classes?: number;
  /** NaN where the CSV says nan. */
  seconds: number;
}

/** Parses one of the three CSVs (K-path has a classes column, joint and random do not). */
export function parsePublishedCsv(text: string, algorithm: PaperAlgorithm): PublishedCell[] {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const withClasses = header.includes('Classes');
  return rows.map((row) => {
    const f = row.split(',');
    const cell: PublishedCell = { algorithm, model: f[0], capMB: Number(f[1]), nodes: Number(f[2]), seconds: Number(f[withClasses ? 4 : 3]) };
    if (withClasses) cell.classes = Number(f[3]);
    return cell;
  });
}

export const cellKey = (c: { model: string; capMB: number; nodes: number }) => `${c.model}|${c.capMB}|${c.nodes}`;

/** The two ways a mean can match a published one: equal encodings (0, nan/inf) or within a relative tolerance. */
export function withinTolerance(ours: number, published: number, relative: number): boolean {
  if (Number.isNaN(published)) return !Number.isFinite(ours);
  if (published === 0) return ours === 0;
  return Number.isFinite(ours) && Math.abs(ours - published) <= relative * published;
}

export interface HeadlineInputs {
  /** K-path at the paper's C (20), per (model, cap, nodes). */
  kpath: Map<string, number>;
  joint: Map<string, number>;
  random: Map<string, number>;
}

export interface PaperHeadline {
  /** Mean of the 50-node K-path rows that are not nan (zero rows included, as the notebook did). */
  kpathMean: number;
  kpathRows: number;
  randomMean: number;
  jointMean: number;
  /** (b - a) / a in percent: the paper's "10x" (982.95 %) and "35 %" (32.57 %). */
  randomOverKPathPercent: number;
  jointOverKPathPercent: number;
}

/** The headline as comparison_data_plots.ipynb computed it: unmatched row sets at 50 nodes. */
export function paperHeadline(x: HeadlineInputs, nodes = 50): PaperHeadline {
  const at = (m: Map<string, number>) => [...m.entries()].filter(([k, v]) => k.endsWith(`|${nodes}`) && Number.isFinite(v)).map(([, v]) => v);
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const k = at(x.kpath);
  const [a, bR, bJ] = [mean(k), mean(at(x.random)), mean(at(x.joint))];
  return { kpathMean: a, kpathRows: k.length, randomMean: bR, jointMean: bJ, randomOverKPathPercent: ((bR - a) / a) * 100, jointOverKPathPercent: ((bJ - a) / a) * 100 };
}

export interface MatchedRow {
  nodes: number | 'all';
  rows: number;
  kpathMean: number;
  jointMean: number;
  randomMean: number;
  /** Ratio of the means. */
  randomOverKPath: number;
  /** Mean of the per-row ratios. */
  meanRowRandomOverKPath: number;
  /** (J - K) / K in percent: negative when joint is better. */
  jointVsKPathPercent: number;
  jointBetterRows: number;
}

/** Matched rows: the same (model, cap, nodes) on all three sides, finite, with a non-zero K-path value. */
export function matchedRows(x: HeadlineInputs, nodeCounts: number[]): MatchedRow[] {
  const keys = [...x.kpath.keys()].filter((k) => {
    const [kv, jv, rv] = [x.kpath.get(k)!, x.joint.get(k), x.random.get(k)];
    return Number.isFinite(kv) && kv > 0 && jv !== undefined && Number.isFinite(jv) && rv !== undefined && Number.isFinite(rv);
  });
  const row = (nodes: number | 'all'): MatchedRow => {
    const ks = keys.filter((k) => nodes === 'all' || k.endsWith(`|${nodes}`));
    const mean = (m: Map<string, number>) => ks.reduce((s, k) => s + m.get(k)!, 0) / ks.length;
    const [K, J, R] = [mean(x.kpath), mean(x.joint), mean(x.random)];
    return {
      nodes,
      rows: ks.length,
      kpathMean: K,
      jointMean: J,
      randomMean: R,
      randomOverKPath: R / K,
      meanRowRandomOverKPath: ks.reduce((s, k) => s + x.random.get(k)! / x.kpath.get(k)!, 0) / ks.length,
      jointVsKPathPercent: ((J - K) / K) * 100,
      jointBetterRows: ks.filter((k) => x.joint.get(k)! < x.kpath.get(k)!).length,
    };
  };
  return [...nodeCounts.map(row), row('all')];
}
