/**
 * What crosses between threads in real mode. The node protocol's messages (src/emulator/node-protocol.ts) travel
 * on MessagePorts as envelopes, with their tensors or stage model transferred, never copied; a node's control
 * surface (start it, connect its ports, hand it a control message, change its world) goes through comlink.
 */
import type { NodeMessage, NodeReport, ToNodeMessage } from '../emulator/node-protocol';
import type { DType } from '../model/dtype';
import type { LinkChange } from '../emulator/backend';
import type { LinkSpec, LinkStats } from '../netsim/types';

/** A tensor on the wire: its buffer is in the postMessage transfer list. */
export interface WireTensor {
  dtype: DType;
  dims: number[];
  data: ArrayBufferView;
}

/** What a data message carries besides itself: a request's tensors, or a stage's model bytes. */
export type Payload = WireTensor[] | Uint8Array;

/** One message on a data port, from `from`. */
export interface PortEnvelope {
  from: string;
  message: NodeMessage;
  payload?: Payload;
}

export interface NodeInit {
  id: string;
  gflops: number;
  /** Every endpoint id of the cluster (the dispatcher included). */
  endpoints: string[];
  /** This node's own outgoing links, as configured. */
  links: LinkSpec[];
  /** One shared radio for all its outgoing links (Mbit/s), or null. */
  radioMbps: number | null;
  /** Seeds this node's links' jitter and loss. */
  seed: number;
  /** Emulated time runs this many times slower than wall time (slow motion > 1). */
  timeScale: number;
  /** A link whose messages stop arriving for this long beyond their expected time is reported stalled. */
  stallMs: number;
  /** onnxruntime's wasm, compiled once for every node (null: compile its own). */
  wasm: WebAssembly.Module | null;
}

/** A change to the world as this node sees it: its own links and speed, and who else is up. */
export type WorldChange =
  | { kind: 'node'; node: string; isUp: boolean }
  | { kind: 'link'; to: string; change: LinkChange }
  | { kind: 'link-up'; to: string; isUp: boolean }
  | { kind: 'drop'; to: string; count: number }
  | { kind: 'speed'; gflops: number };

/** The control surface of a node worker (comlink). */
export interface NodeApi {
  /** `report` carries the node's control messages to the dispatcher (heartbeat answers, confirmations, reports). */
  init(init: NodeInit, report: (message: NodeReport) => void): Promise<void>;
  /** The port this node sends to `peer` on. */
  connectOut(peer: string, port: MessagePort): void;
  /** A port on which `peer` sends to this node. */
  connectIn(peer: string, port: MessagePort): void;
  /** A control message from the dispatcher (a ping, a probe request, a calibration). */
  receive(message: ToNodeMessage): void;
  change(change: WorldChange): void;
  /** Its own links' counters, for the views. */
  linkStats(): LinkStats[];
  /** Blocks the worker's thread for good: a hung device. */
  hang(): void;
}

/** Every buffer of a payload, for the transfer list. */
export function transferables(payload: Payload | undefined): ArrayBuffer[] {
  if (!payload) return [];
  if (payload instanceof Uint8Array) return [payload.buffer as ArrayBuffer];
  return payload.map((t) => t.data.buffer as ArrayBuffer);
}

/** Bytes a payload holds. */
export function payloadBytes(payload: Payload | undefined): number {
  if (!payload) return 0;
  if (payload instanceof Uint8Array) return payload.byteLength;
  return payload.reduce((sum, t) => sum + t.data.byteLength, 0);
}
