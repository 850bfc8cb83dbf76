/** What the dispatcher tells the UI and the CLI: events as they happen, and snapshots of its state. */
import type { LinkStats } from '../netsim/types';
import type { PlanReport } from '../planner/types';
import type { FaultRecord } from './fault-log';
import type { RequestId } from './ledger';
import type { LatencySummary } from './percentiles';

/** deploying -> running; a failure -> redeploying -> running; too little memory left -> paused until a repair. */
export type Phase = 'idle' | 'deploying' | 'running' | 'redeploying' | 'paused' | 'stopped';

export type DispatcherEvent =
  | { kind: 'phase'; atMs: number; phase: Phase; reason: string }
  | { kind: 'plan'; atMs: number; plan: PlanReport; epoch: number }
  | { kind: 'result'; atMs: number; requestId: RequestId; latencyMs: number }
  | { kind: 'fault'; atMs: number; fault: FaultRecord }
  | { kind: 'node-down'; atMs: number; node: string }
  | { kind: 'node-up'; atMs: number; node: string }
  | { kind: 'error'; atMs: number; message: string };

export interface NodeSnapshot {
  id: string;
  isDead: boolean;
  busyPercent: number;
  /** Index of the stage it runs, -1 for none. */
  stage: number;
  hostBound: boolean;
  queued: number;
}

export interface DispatcherSnapshot {
  atMs: number;
  phase: Phase;
  pauseReason: string;
  epoch: number;
  accepted: number;
  completed: number;
  inFlight: number;
  queued: number;
  /** Late copies of answered requests, dropped (never delivered twice). */
  suppressedDuplicates: number;
  throughputPerSec: number;
  predictedThroughputPerSec: number | null;
  latencyMs: LatencySummary;
  nodes: NodeSnapshot[];
  links: LinkStats[];
}
