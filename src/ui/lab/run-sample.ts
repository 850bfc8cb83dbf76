/** What the page shows of a running emulation at one instant: plain data, cheap to copy and compare. */
import type { LatencySummary } from '../../emulator/percentiles';
import type { RunSnapshot } from '../../emulator/run-loop';
import type { LinkStats } from '../../netsim/types';

export type NodeState = 'up' | 'down' | 'hung' | 'starting';

export interface NodeView {
  id: string;
  /** What the world does to the node, as injected (a click, the chaos switch), whether or not the dispatcher noticed. */
  state: NodeState;
  /** The dispatcher believes it dead (heartbeats missed, a send refused). */
  detected: boolean;
  busyPercent: number;
  stage: number;
  hostBound: boolean;
  queued: number;
  /** Every link of it is slower (a slow radio), as injected. */
  slowed: boolean;
  /** It computes slower, as injected. */
  cpuSlowed: boolean;
  /** The speed the dispatcher measured, when it differs from the configured one. */
  measuredGflops: number | null;
}

/** The ledger's exact counts (docs/design.md, "Metrics"), and what the page adds to them. */
export interface RunSample extends Pick<
  RunSnapshot,
  'phase' | 'pauseReason' | 'epoch' | 'accepted' | 'queued' | 'awaitingResend' | 'inFlight' | 'completed' | 'lost' | 'duplicated' | 'resends' | 'lateCopies' | 'window' | 'load' | 'loadPaused'
> {
  atSec: number;
  throughputPerSec: number;
  predictedPerSec: number | null;
  latencyMs: LatencySummary;
  nodes: NodeView[];
  links: LinkStats[];
  /** While (re)deploying: stage models confirmed, the progress (by count or estimated time) and the time left. */
  deploy: { done: number; total: number; fraction: number; secondsLeft: number | null } | null;
  /** Results compared with the whole model so far, and the errors the run reported. */
  verified: number;
  errors: number;
  hostBound: boolean;
}

/** What the page knows beside the run loop's snapshot. */
export interface SampleExtras {
  links: LinkStats[];
  deploy: RunSample['deploy'];
  verified: number;
  errors: number;
  /** What the world does to a node now, as injected. */
  nodeState: (id: string) => 'up' | 'down' | 'hung';
  slowed: (id: string) => boolean;
  cpuSlowed: (id: string) => boolean;
}

export function composeSample(snap: RunSnapshot, extras: SampleExtras): RunSample {
  const nodes = snap.nodes.map((n): NodeView => ({
    id: n.id,
    state: n.isDead ? 'down' : extras.nodeState(n.id),
    detected: n.isDead,
    busyPercent: n.busyPercent,
    stage: n.stage,
    hostBound: n.hostBound,
    queued: n.queued,
    slowed: extras.slowed(n.id),
    cpuSlowed: extras.cpuSlowed(n.id),
    measuredGflops: n.measuredGflops,
  }));
  return {
    atSec: snap.elapsedSec,
    phase: snap.phase,
    pauseReason: snap.pauseReason,
    epoch: snap.epoch,
    accepted: snap.accepted,
    queued: snap.queued,
    awaitingResend: snap.awaitingResend,
    inFlight: snap.inFlight,
    completed: snap.completed,
    lost: snap.lost,
    duplicated: snap.duplicated,
    resends: snap.resends,
    lateCopies: snap.lateCopies,
    window: snap.window,
    load: snap.load,
    loadPaused: snap.loadPaused,
    throughputPerSec: snap.throughputPerSec,
    predictedPerSec: snap.predictedThroughputPerSec,
    latencyMs: snap.latencyMs,
    nodes,
    links: extras.links,
    deploy: extras.deploy,
    verified: extras.verified,
    errors: extras.errors,
    hostBound: nodes.some((n) => n.hostBound && n.state === 'up'),
  };
}
