/** What the dispatcher tells the run loop: what it observed, what it decided, and the requests' fate. */
import type { PlanReport } from '../planner/types';
import type { RequestId } from './ledger';

/** deploying -> running; a failure -> redeploying -> running; no plan possible -> paused until something comes back. */
export type Phase = 'idle' | 'deploying' | 'running' | 'redeploying' | 'paused' | 'stopped';

/** Something the dispatcher noticed, from heartbeats, reports and measurements only (docs/design.md). */
export type Observation = { id: number; atMs: number } &
  /** how: missed heartbeats, a send to it refused, its deploy failed, or it answered without the stage it held (it restarted). */
  (
    | { what: 'node-down'; node: string; how: 'heartbeats' | 'send-failed' | 'deploy-failed' | 'restarted' }
    | { what: 'node-back'; node: string }
    | { what: 'link-down'; from: string; to: string }
    | { what: 'link-back'; from: string; to: string }
    /** A device's measured speed differs from what was believed (a stage's runs, or a calibration). */
    | { what: 'node-speed'; node: string; gflops: number; nominalGflops: number }
    /** A link's measured rate differs from what was believed (transfer times, or a probe). */
    | { what: 'link-speed'; from: string; to: string; bandwidthMbps: number; nominalMbps: number }
    /** Requests whose copy never came back within the timeout (a message lost on the way): sent again. */
    | { what: 'request-timeout'; count: number }
  );

/** What the dispatcher did about some observations. */
export type Outcome = 'replanned' | 'paused' | 'no-change';

export type DispatcherEvent =
  | { kind: 'phase'; atMs: number; phase: Phase; reason: string }
  | { kind: 'observed'; atMs: number; observation: Observation }
  /** A decision on `causes` (observation ids): replanned (a 'plan' event follows), paused, or nothing to change. */
  | { kind: 'decision'; atMs: number; causes: number[]; outcome: Outcome; replanMs: number }
  | { kind: 'plan'; atMs: number; plan: PlanReport; epoch: number; causes: number[] }
  /** `node` confirmed its stage of `epoch`. */
  | { kind: 'confirmed'; atMs: number; node: string; epoch: number }
  /** Every stage of `epoch` confirmed; `resent` requests that had been sent before go again. */
  | { kind: 'deployed'; atMs: number; epoch: number; resent: number }
  | { kind: 'result'; atMs: number; requestId: RequestId; latencyMs: number; mismatch?: number }
  | { kind: 'lost'; atMs: number; count: number }
  | { kind: 'error'; atMs: number; message: string };

export interface NodeSnapshot {
  id: string;
  /** Believed dead by the dispatcher. */
  isDead: boolean;
  busyPercent: number;
  /** Index of the stage it runs, -1 for none. */
  stage: number;
  hostBound: boolean;
  queued: number;
  /** Believed speed, when it differs from the configured one (measured). */
  measuredGflops: number | null;
}
