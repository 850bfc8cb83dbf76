/**
 * What crosses between threads. Control goes through comlink (NodeApi); data (tensors) goes node to node over
 * MessagePorts as these messages, their buffers transferred, never copied.
 */
import type { StageDeployment, NodeStatus } from '../emulator/backend';
import type { DType } from '../model/dtype';
import type { LinkConfig, LinkStats, World } from '../netsim/types';

/** A tensor on the wire: its buffer is in the postMessage transfer list. */
export interface WireTensor {
  dtype: DType;
  dims: number[];
  data: ArrayBufferView;
}

export interface TensorMessage {
  type: 'tensor';
  epoch: number;
  requestId: number;
  tensors: WireTensor[];
}

export interface NodeInit {
  id: string;
  gflops: number;
  world: World;
  /** Seeds this node's links' jitter and loss. */
  seed: number;
  /** Emulated time runs this many times slower than wall time (slow motion > 1). */
  timeScale: number;
  /** A link that holds traffic this long while down is reported stalled. */
  stallMs: number;
}

/** What a node tells the main thread without being asked. */
export type NodeReport =
  | { kind: 'send-failed'; from: string; to: string }
  | { kind: 'link-stalled'; from: string; to: string }
  | { kind: 'error'; message: string };

export interface NodeStatusReply extends NodeStatus {
  links: LinkStats[];
}

export type WorldChange =
  | { kind: 'node'; node: string; isUp: boolean }
  | { kind: 'link'; from: string; to: string; change: Partial<Omit<LinkConfig, 'isUp'>> }
  | { kind: 'link-up'; from: string; to: string; isUp: boolean }
  | { kind: 'drop'; to: string; count: number }
  | { kind: 'speed'; gflops: number };

/** The control surface of a node worker (comlink). */
export interface NodeApi {
  init(init: NodeInit, report: (report: NodeReport) => void): Promise<void>;
  /** The port this node sends to `peer` on. */
  connectOut(peer: string, port: MessagePort): void;
  /** A port on which `peer` sends to this node. */
  connectIn(peer: string, port: MessagePort): void;
  /** Takes a stage; `model` null keeps the session it has (same blocks, new epoch or next hop). */
  load(stage: StageDeployment, model: Uint8Array | null): Promise<void>;
  status(): NodeStatusReply;
  change(change: WorldChange): void;
  /** Blocks the worker's thread for good: a hung device. */
  hang(): void;
}

/** Every buffer of a message, for the transfer list. */
export function transferables(tensors: readonly WireTensor[]): ArrayBuffer[] {
  return tensors.map((t) => t.data.buffer as ArrayBuffer);
}

export function messageBytes(tensors: readonly WireTensor[]): number {
  return tensors.reduce((sum, t) => sum + t.data.byteLength, 0);
}
