/**
 * The node protocol: every message between the dispatcher and a node, and between nodes, as plain data. The
 * same messages travel in virtual time, between Web Workers / worker threads, and between real devices; a
 * transport only moves them (and, in real mode, the tensors and model bytes attached to them). See
 * docs/design.md, "The node protocol".
 */

/** The id the dispatcher has as a message endpoint. It hosts no stage. */
export const DISPATCHER = 'dispatcher';

/** One pipeline stage as a node receives it. */
export interface StageDeployment {
  /** The plan's number: a node drops tensors of any other epoch than the stage it holds. */
  epoch: number;
  stageIndex: number;
  firstBlock: number;
  lastBlock: number;
  /** Where results go: the next stage's node, or DISPATCHER. */
  next: string;
  /** FLOPs of one request through the stage (what the emulated device spends its time on). */
  flops: number;
  /** Bytes this stage sends on per request. */
  outBytes: number;
  /** The node keeps the blocks it holds (or is loading): no model comes with this deploy. */
  keep: boolean;
  /** Bytes that travel dispatcher -> node to deploy it: the stage model's, or 0 for a keep. */
  deployBytes: number;
}

/** What the dispatcher sends to a node. */
export type DispatcherMessage =
  | { type: 'deploy'; stage: StageDeployment }
  | { type: 'tensor'; epoch: number; requestId: number; bytes: number }
  | { type: 'ping'; seq: number }
  /** Measure the link to `to`: send `bytes` there and time the echo. */
  | { type: 'probe'; seq: number; to: string; bytes: number }
  /** Time a workload of `flops` on this device (a spare's current speed). */
  | { type: 'calibrate'; seq: number; flops: number }
  /** The dispatcher probes its own links like a node does. */
  | { type: 'probe-data'; seq: number; bytes: number }
  | { type: 'probe-echo'; seq: number };

/** What a node sends to another node. */
export type PeerMessage = { type: 'tensor'; epoch: number; requestId: number; bytes: number } | { type: 'probe-data'; seq: number; bytes: number } | { type: 'probe-echo'; seq: number };

/** What a node sends to the dispatcher (a result is a 'tensor' addressed to DISPATCHER). */
export type NodeReport =
  | { type: 'tensor'; epoch: number; requestId: number; bytes: number }
  | { type: 'deployed'; epoch: number }
  | { type: 'deploy-failed'; epoch: number; message: string }
  | { type: 'pong'; seq: number; status: NodeStatus }
  /** Its sends to `to` stopped arriving (nothing delivered for longer than the link could explain). */
  | { type: 'link-stalled'; to: string }
  /** A send to `to` failed because `to` refused it (the receiver is gone). */
  | { type: 'send-failed'; to: string }
  | { type: 'probe-result'; seq: number; to: string; bytes: number; roundTripMs: number }
  | { type: 'calibrated'; seq: number; flops: number; ms: number }
  | { type: 'error'; message: string }
  /** A node's probe of its link to the dispatcher, and the echo of the dispatcher's own probe. */
  | { type: 'probe-data'; seq: number; bytes: number }
  | { type: 'probe-echo'; seq: number };

export type ToNodeMessage = DispatcherMessage | PeerMessage;
export type NodeMessage = DispatcherMessage | PeerMessage | NodeReport;

/** Measured transfer time of the node's outgoing data hop (the stage's `next`). */
export interface HopMeasure {
  to: string;
  /** Mean bytes of one message. */
  bytes: number;
  /** Moving average of wire-start to arrival of one message, ms. */
  ms: number;
  count: number;
}

/** What a node says about itself in each heartbeat reply: only what the node itself can measure. */
export interface NodeStatus {
  /** Device time spent computing since the node started. */
  busyMs: number;
  /** Requests waiting for this node. */
  queued: number;
  /** Epoch of the stage the node holds, -1 for none: a node that restarted has lost its stage. */
  stageEpoch: number;
  /** The newest epoch of any deploy it has received (held, loading, or waiting to load), -1 for none. */
  latestEpoch: number;
  /** Moving average of the device time of one run of the current stage (its first run, a warm-up, left out), null before the second. */
  serviceMs: number | null;
  /** Runs of the current stage so far. */
  runs: number;
  hop: HopMeasure | null;
  /** The host took longer than the emulated device would have, lately (emulation only). */
  hostBound: boolean;
  /** Longest host time of one stage run lately: a node running inference cannot answer heartbeats meanwhile. */
  slowestRunMs: number;
}

/** Bytes of a probe's echo on the wire. */
const ECHO_BYTES = 64;

/**
 * Bytes a message occupies on the emulated data links, or 0 for a control message. Tensors, stage models and
 * probes travel the data links (bandwidth, latency, cuts); heartbeats and reports take a separate control
 * path that the emulated links do not slow down (as a management network would).
 */
export function dataBytes(message: NodeMessage): number {
  switch (message.type) {
    case 'tensor':
    case 'probe-data':
      return message.bytes;
    case 'deploy':
      return message.stage.deployBytes;
    case 'probe-echo':
      return ECHO_BYTES;
    default:
      return 0;
  }
}

/** Whether a message travels the data links (see dataBytes); a deploy always does, even when it keeps (0 bytes). */
export function isDataMessage(message: NodeMessage): boolean {
  return message.type === 'tensor' || message.type === 'deploy' || message.type === 'probe-data' || message.type === 'probe-echo';
}
