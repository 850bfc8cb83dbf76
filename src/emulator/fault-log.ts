/** Per-fault recovery figures: when it happened, was detected, replanned, redeployed, and served again. */

export type FaultKind = 'kill' | 'hang' | 'revive' | 'cut' | 'restore' | 'degrade' | 'drop' | 'detected';

export interface FaultRecord {
  kind: FaultKind;
  node?: string;
  link?: string;
  atMs: number;
  detectedAtMs: number | null;
  /** Wall time the planner took (virtual runs take none of their own time for it). */
  replanMs: number | null;
  redeployStartMs: number | null;
  redeployedAtMs: number | null;
  firstResultAtMs: number | null;
  resent: number;
  /** What the dispatcher did about it. */
  outcome: 'pending' | 'replanned' | 'paused' | 'no-change';
}

/** The figures a report prints, each relative to the fault (ms), null when that step did not happen. */
export interface FaultFigures {
  kind: FaultKind;
  node?: string;
  link?: string;
  atSec: number;
  detectMs: number | null;
  replanMs: number | null;
  redeployMs: number | null;
  firstResultMs: number | null;
  resent: number;
  outcome: FaultRecord['outcome'];
}

export class FaultLog {
  readonly records: FaultRecord[] = [];

  open(kind: FaultKind, atMs: number, where: { node?: string; link?: string } = {}): FaultRecord {
    const record: FaultRecord = {
      kind, ...where, atMs, detectedAtMs: null, replanMs: null, redeployStartMs: null, redeployedAtMs: null, firstResultAtMs: null, resent: 0, outcome: 'pending',
    };
    this.records.push(record);
    return record;
  }

  /** The injected fault a detection belongs to (the latest undetected one on that node or link), or a new 'detected' one. */
  detect(where: { node?: string; link?: string }, atMs: number): FaultRecord {
    const kinds: FaultKind[] = where.node ? ['kill', 'hang'] : ['cut', 'drop'];
    const match = [...this.records]
      .reverse()
      .find((r) => r.detectedAtMs === null && kinds.includes(r.kind) && (where.node ? r.node === where.node : r.link === where.link));
    const record = match ?? this.open('detected', atMs, where);
    record.detectedAtMs = atMs;
    return record;
  }

  /** Faults waiting for the recovery that is starting now. */
  awaitingRecovery(): FaultRecord[] {
    return this.records.filter((r) => r.outcome === 'pending' && r.detectedAtMs !== null);
  }

  awaitingFirstResult(): FaultRecord[] {
    return this.records.filter((r) => r.redeployedAtMs !== null && r.firstResultAtMs === null);
  }

  figures(startMs: number): FaultFigures[] {
    const since = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a - b));
    return this.records.map((r) => ({
      kind: r.kind,
      ...(r.node ? { node: r.node } : {}),
      ...(r.link ? { link: r.link } : {}),
      atSec: round((r.atMs - startMs) / 1000),
      detectMs: since(r.detectedAtMs, r.atMs),
      replanMs: r.replanMs === null ? null : round(r.replanMs),
      redeployMs: since(r.redeployedAtMs, r.redeployStartMs),
      firstResultMs: since(r.firstResultAtMs, r.atMs),
      resent: r.resent,
      outcome: r.outcome,
    }));
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
