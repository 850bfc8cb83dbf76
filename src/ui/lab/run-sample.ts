/** What the page shows of a running emulation at one instant: plain data, cheap to copy and compare. */
import type { DispatcherSnapshot } from '../../emulator/dispatcher-types';
import type { LiveSnapshot } from '../../emulator/live';
import type { LatencySummary } from '../../emulator/percentiles';
import type { LinkStats } from '../../netsim/types';

export type NodeState = 'up' | 'down' | 'hung' | 'starting';

export interface NodeView {
  id: string;
  /** What the page knows: killed or hung by a click (before the dispatcher notices), or seen dead by it. */
  state: NodeState;
  /** The dispatcher has declared it dead (heartbeats missed or a send failed). */
  detected: boolean;
  busyPercent: number;
  stage: number;
  hostBound: boolean;
  queued: number;
  slowed: boolean;
  /** Computing four times slower since a click. */
  cpuSlowed: boolean;
}

/** The dispatcher's counters as they are, plus what the page derives from them. */
export interface RunSample extends Pick<DispatcherSnapshot, 'phase' | 'pauseReason' | 'epoch' | 'accepted' | 'completed' | 'inFlight' | 'queued'> {
  atSec: number;
  /** Accepted requests left unanswered far longer than any recovery takes while the pipeline runs. */
  lost: number;
  /** Requests answered more than once, as counted outside the dispatcher (should stay 0). */
  duplicated: number;
  /** Late copies of answered requests that the dispatcher dropped (resends racing their originals). */
  lateCopies: number;
  throughputPerSec: number;
  predictedPerSec: number | null;
  latencyMs: LatencySummary;
  nodes: NodeView[];
  links: LinkStats[];
  /** While (re)deploying: stage models confirmed, the progress (by count or estimated time) and the time left. */
  deploy: { done: number; total: number; fraction: number; secondsLeft: number | null } | null;
  loadPaused: boolean;
  /** Results compared with the whole model so far, and the errors the run reported. */
  verified: number;
  errors: number;
  hostBound: boolean;
}

/** What the page adds to the dispatcher's snapshot: its own counts, and what it knows of clicked faults. */
export interface SampleExtras {
  lost: number;
  duplicated: number;
  deploy: RunSample['deploy'];
  verified: number;
  errors: number;
  /** 'down' or 'hung' for a node a click (or the chaos switch) failed, before the dispatcher noticed. */
  clicked: (id: string) => 'down' | 'hung' | undefined;
  slowed: (id: string) => boolean;
  cpuSlowed: (id: string) => boolean;
}

export function composeSample(snap: LiveSnapshot, extras: SampleExtras): RunSample {
  const nodes = snap.nodes.map(
    (n): NodeView => ({
      id: n.id,
      state: n.isDead ? 'down' : (extras.clicked(n.id) ?? 'up'),
      detected: n.isDead,
      busyPercent: n.busyPercent,
      stage: n.stage,
      hostBound: n.hostBound,
      queued: n.queued,
      slowed: extras.slowed(n.id),
      cpuSlowed: extras.cpuSlowed(n.id),
    }),
  );
  return {
    atSec: snap.elapsedSec,
    phase: snap.phase,
    pauseReason: snap.pauseReason,
    epoch: snap.epoch,
    accepted: snap.accepted,
    completed: snap.completed,
    inFlight: snap.inFlight,
    queued: snap.queued,
    lost: extras.lost,
    duplicated: extras.duplicated,
    lateCopies: snap.suppressedDuplicates,
    throughputPerSec: snap.throughputPerSec,
    predictedPerSec: snap.predictedThroughputPerSec,
    latencyMs: snap.latencyMs,
    nodes,
    links: snap.links,
    deploy: extras.deploy,
    loadPaused: snap.loadPaused,
    verified: extras.verified,
    errors: extras.errors,
    hostBound: nodes.some((n) => n.hostBound && n.state === 'up'),
  };
}
