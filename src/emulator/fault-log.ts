/**
 * Per-fault recovery figures. The run loop records each fault it injects; the dispatcher's observations and
 * decisions are matched to them afterwards, so that detection is measured from the injection although the
 * dispatcher never knew of it: detect, re-plan, redeploy and first result (docs/design.md, "Metrics").
 */
import { linkKey } from '../netsim/world';
import type { DispatcherEvent, Observation, Outcome } from './dispatcher-types';
import { faultTarget, isLinkFault, type FaultKind, type ScheduledFault } from './fault-schedule';

/** unnoticed: the dispatcher never observed it (a spare that died, a link nothing used). */
export type FaultOutcome = Outcome | 'unnoticed';

export interface FaultRecord {
  /** 'unexplained': something the dispatcher observed that no injected fault explains. */
  kind: FaultKind | 'unexplained';
  node?: string;
  link?: string;
  atMs: number;
  detectedAtMs: number | null;
  /** How it was noticed (heartbeats, a refused send, a stall, a measurement, a probe, a timeout). */
  detectedBy: string | null;
  /** Wall time the planner took (a virtual run takes none of its own time for it). */
  replanMs: number | null;
  redeployStartMs: number | null;
  redeployedAtMs: number | null;
  firstResultAtMs: number | null;
  resent: number;
  outcome: FaultOutcome;
}

/** The figures a report prints, each relative to the fault (ms), null when that step did not happen. */
export interface FaultFigures {
  kind: FaultRecord['kind'];
  node?: string;
  link?: string;
  atSec: number;
  detectMs: number | null;
  detectedBy: string | null;
  replanMs: number | null;
  redeployMs: number | null;
  firstResultMs: number | null;
  resent: number;
  outcome: FaultOutcome;
}

interface Entry {
  record: FaultRecord;
  fault: ScheduledFault | null;
  epoch: number | null;
}

export class FaultLog {
  private readonly entries: Entry[] = [];
  private readonly byObservation = new Map<number, Entry>();
  private awaitingFirstResult: Entry[] = [];

  get records(): readonly FaultRecord[] {
    return this.entries.map((e) => e.record);
  }

  /** An injected fault, at `atMs`. */
  injected(fault: ScheduledFault, atMs: number): FaultRecord {
    return this.add({ kind: fault.kind, ...faultTarget(fault) }, atMs, fault).record;
  }

  /** Follows the dispatcher: matches observations to faults and decisions to recoveries. */
  follow(event: DispatcherEvent): void {
    switch (event.kind) {
      case 'observed':
        return this.observed(event.observation);
      case 'decision':
        for (const id of event.causes) {
          const entry = this.byObservation.get(id);
          if (!entry) continue;
          const r = entry.record;
          if (event.outcome === 'no-change') {
            if (r.outcome === 'unnoticed') r.outcome = 'no-change';
            continue;
          }
          r.outcome = event.outcome;
          r.replanMs = event.replanMs;
          if (event.outcome === 'replanned') r.redeployStartMs = event.atMs;
        }
        return;
      case 'plan':
        for (const id of event.causes) {
          const entry = this.byObservation.get(id);
          if (entry) entry.epoch = event.epoch;
        }
        return;
      case 'deployed':
        // a plan superseded before it was deployed (a second death noticed in the same instant) is recovered by this one
        for (const entry of this.entries) {
          if (entry.epoch === null || entry.epoch > event.epoch || entry.record.redeployedAtMs !== null) continue;
          entry.record.redeployedAtMs = event.atMs;
          entry.record.resent += event.resent;
          this.awaitingFirstResult.push(entry);
        }
        return;
      case 'result':
        for (const entry of this.awaitingFirstResult) entry.record.firstResultAtMs ??= event.atMs;
        this.awaitingFirstResult = [];
        return;
      default:
        return;
    }
  }

  figures(startMs: number): FaultFigures[] {
    const since = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a - b));
    return this.entries.map(({ record: r }) => ({
      kind: r.kind,
      ...(r.node ? { node: r.node } : {}),
      ...(r.link ? { link: r.link } : {}),
      atSec: round((r.atMs - startMs) / 1000),
      detectMs: since(r.detectedAtMs, r.atMs),
      detectedBy: r.detectedBy,
      replanMs: r.replanMs === null ? null : round(r.replanMs),
      redeployMs: since(r.redeployedAtMs, r.redeployStartMs),
      firstResultMs: since(r.firstResultAtMs, r.atMs),
      resent: r.resent,
      outcome: r.outcome,
    }));
  }

  private add(where: { kind: FaultRecord['kind']; node?: string; link?: string }, atMs: number, fault: ScheduledFault | null): Entry {
    const record: FaultRecord = {
      ...where,
      atMs,
      detectedAtMs: null,
      detectedBy: null,
      replanMs: null,
      redeployStartMs: null,
      redeployedAtMs: null,
      firstResultAtMs: null,
      resent: 0,
      outcome: 'unnoticed',
    };
    const entry = { record, fault, epoch: null };
    this.entries.push(entry);
    return entry;
  }

  /** The latest fault not yet noticed that explains the observation, or a new 'unexplained' record. */
  private observed(o: Observation): void {
    let match: Entry | undefined;
    for (let i = this.entries.length - 1; i >= 0 && !match; i--) {
      const e = this.entries[i];
      if (e.fault && e.record.detectedAtMs === null && e.fault && explains(e.fault, o)) match = e;
    }
    if (!match) {
      // a second observation of the same fault (both directions of a cut) joins the one already noticed
      for (let i = this.entries.length - 1; i >= 0 && !match; i--) if (this.entries[i].fault && explains(this.entries[i].fault as ScheduledFault, o)) match = this.entries[i];
      if (match && match.record.detectedAtMs !== null) {
        this.byObservation.set(o.id, match);
        return;
      }
    }
    const entry = match ?? this.add({ kind: 'unexplained', ...observedTarget(o) }, o.atMs, null);
    entry.record.detectedAtMs = o.atMs;
    entry.record.detectedBy = detectedBy(o);
    this.byObservation.set(o.id, entry);
  }
}

/** Whether fault `f` can be what the dispatcher observed in `o`. */
function explains(f: ScheduledFault, o: Observation): boolean {
  const onNode = (node: string) => !isLinkFault(f) && f.node === node;
  const onLink = (from: string, to: string) => isLinkFault(f) && ((f.from === from && f.to === to) || (f.both && f.from === to && f.to === from));
  const touches = (from: string, to: string) => !isLinkFault(f) && (f.node === from || f.node === to);
  switch (o.what) {
    case 'node-down':
      return (f.kind === 'kill' || f.kind === 'hang') && onNode(o.node);
    case 'node-back':
      return f.kind === 'revive' && onNode(o.node);
    case 'node-speed':
      return f.kind === 'slow' && onNode(o.node);
    case 'link-down':
      return ((f.kind === 'cut' || f.kind === 'degrade') && onLink(o.from, o.to)) || (f.kind === 'slow-links' && touches(o.from, o.to));
    case 'link-back':
    case 'link-speed':
      return ((f.kind === 'restore' || f.kind === 'degrade') && onLink(o.from, o.to)) || (f.kind === 'slow-links' && touches(o.from, o.to));
    case 'request-timeout':
      return f.kind === 'drop';
  }
}

function observedTarget(o: Observation): { node?: string; link?: string } {
  if ('node' in o) return { node: o.node };
  if ('from' in o) return { link: linkKey(o.from, o.to) };
  return {};
}

function detectedBy(o: Observation): string {
  switch (o.what) {
    case 'node-down':
      return o.how;
    case 'node-back':
      return 'heartbeat answered';
    case 'link-down':
      return 'stall';
    case 'link-back':
      return 'probe';
    case 'node-speed':
    case 'link-speed':
      return 'measured';
    case 'request-timeout':
      return 'timeout';
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
