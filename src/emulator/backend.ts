/**
 * The seam between the dispatcher and the cluster it drives. Two implementations: SimBackend (virtual time,
 * in-process nodes, no inference) and the worker backend in src/workers/ (real time, one Web Worker / worker
 * thread per node running onnxruntime-web). Everything is callback-driven, so virtual time needs no promises.
 */
import type { Clock } from '../netsim/clock';
import type { LinkConfig, LinkStats } from '../netsim/types';
import type { RequestId } from './ledger';

export const DISPATCHER = 'dispatcher';

/** One pipeline stage as a node receives it. */
export interface StageDeployment {
  epoch: number;
  stageIndex: number;
  firstBlock: number;
  lastBlock: number;
  /** Where results go: the next stage's node, or DISPATCHER. */
  next: string;
  flops: number;
  /** Bytes this stage sends on (virtual mode sizes its messages with it; real mode sends real tensors). */
  outBytes: number;
  /** Bytes that travel dispatcher -> node to deploy it: 0 when the node keeps the stage it already runs. */
  deployBytes: number;
}

export type BackendEvent =
  | { kind: 'deployed'; node: string; epoch: number; atMs: number }
  | { kind: 'deploy-failed'; node: string; epoch: number; message: string; atMs: number }
  | { kind: 'result'; epoch: number; requestId: RequestId; atMs: number; mismatch?: number }
  | { kind: 'pong'; node: string; seq: number; atMs: number; status: NodeStatus }
  | { kind: 'send-failed'; from: string; to: string; atMs: number }
  | { kind: 'link-stalled'; from: string; to: string; atMs: number }
  | { kind: 'node-error'; node: string; message: string; atMs: number };

/** What a node says about itself in each heartbeat reply. */
export interface NodeStatus {
  /** Emulated busy time since the node started. */
  busyMs: number;
  /** Requests waiting for this node. */
  queued: number;
  /** The host took longer than the emulated device would have for the last stage run. */
  hostBound: boolean;
  /** Epoch of the stage the node holds, -1 for none: a node that restarted has lost its stage. */
  stageEpoch: number;
  /** Longest host time of one stage run lately: a worker running inference cannot answer heartbeats meanwhile. */
  slowestRunMs: number;
}

export interface ClusterBackend {
  readonly clock: Clock;
  listen(listener: (event: BackendEvent) => void): void;
  /** Loads (or re-wires) a stage on a node; answers with 'deployed' or 'deploy-failed'. */
  deploy(node: string, stage: StageDeployment): void;
  /** Sends request `requestId`'s input from the dispatcher to the first stage's node. */
  submit(node: string, epoch: number, requestId: RequestId): void;
  /** Heartbeat: a live node answers 'pong'; a dead or hung one never does. */
  ping(node: string, seq: number): void;
  kill(node: string): void;
  hang(node: string): void;
  revive(node: string): void;
  /** The device computes at `gflops` from now on (thermal throttling, a background job...). */
  setNodeSpeed(node: string, gflops: number): void;
  setLink(from: string, to: string, change: Partial<Omit<LinkConfig, 'isUp'>>): void;
  setLinkUp(from: string, to: string, isUp: boolean): void;
  /** Loses the next `count` messages on a link outright (a faulty NIC or middlebox), beyond what retransmission hides. */
  dropMessages(from: string, to: string, count: number): void;
  linkStats(): LinkStats[];
  dispose(): void;
}
