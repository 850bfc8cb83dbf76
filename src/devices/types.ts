/**
 * Real devices as lab nodes (docs/design.md, "Real devices"): the shapes the host page, the member page, the headless
 * `seifer-lab node` and the benches share. A session has one host (it runs the dispatcher) and members (phones,
 * laptops, Raspberry Pis) that run the node protocol unchanged; the host measures each member and each link, and the
 * planner plans on those figures. Everything here is DOM-free: WebSocket, RTCPeerConnection and compute are injected.
 */
import type { TensorValue } from '../model/ort-run';

/** One member of a session as the host sees it. `id` is the server's member id (m1, m2, ...), also its node id. */
export interface MemberInfo {
  id: string;
  /** What the device calls itself (text only, never markup). */
  label: string;
  kind: 'browser' | 'node';
  cores: number;
  memoryBytes: number | null;
  state: 'joined' | 'measuring' | 'ready' | 'serving' | 'gone';
}

/** A member's calibration: the current model's blocks timed on its own onnxruntime-web. */
export interface MemberSpeed {
  id: string;
  /** Per block, the median over the repetitions, in milliseconds. */
  msPerBlock: number[];
  /** Effective speed: the model's FLOPs / the sum of the median block times. */
  gflops: number;
  /** Spread of the whole-model time over the repetitions: (max - min) / median, in percent. */
  spreadPct: number;
}

/** A directed link, measured by probes ('host' is the dispatcher's end). */
export interface MeasuredLink {
  from: string;
  to: string;
  bandwidthBytesPerSec: number;
  latencyMs: number;
  /** Spread of the bandwidth samples: (max - min) / median, in percent. */
  spreadPct: number;
  path: 'direct' | 'relay';
}

/** Traffic a directed link carried while serving ('host' is the dispatcher's end), to set against its probed figures. */
export interface HopTraffic {
  from: string;
  to: string;
  /** Data bytes handed to the link so far. */
  bytes: number;
  /** Bytes carried per second over the last report interval (about 1 s). */
  bytesPerSec: number;
  /** Moving average of one message's bytes / its wire time (send start to acknowledgement), null before the first. */
  transferBytesPerSec: number | null;
  path: 'direct' | 'relay';
}

/** What a member knows about itself, for the member page ("You are node m3: stage 2, blocks 20-35"). */
export interface MemberState {
  /** Its member id, once the server welcomed it. */
  nodeId: string | null;
  stage: { index: number; firstBlock: number; lastBlock: number } | null;
  /** Share of the recent window its device spent computing (0..1). */
  busyShare: number;
  /** Requests it computed (a result or a hop on). */
  results: number;
  /** Per peer member id: the path its tensors take. */
  paths: Record<string, 'direct' | 'relay'>;
  status: 'joining' | 'idle' | 'measuring' | 'serving' | 'left' | 'error';
  error?: string;
}

/** A stage model loaded into a member's onnxruntime-web, by handle. */
export interface StageRun {
  outputs: TensorValue[];
  /** Wall time of session.run, in milliseconds. */
  ms: number;
}

/**
 * A member's compute: onnxruntime-web, usually in a worker (src/workers/stage-compute.ts). Inputs are positional:
 * the stage's inputs in the order the previous stage produced them (docs/design.md, "Cut points").
 */
export interface StageCompute {
  load(modelBytes: Uint8Array, label: string): Promise<number>;
  run(handle: number, inputs: TensorValue[]): Promise<StageRun>;
  release(handle: number): Promise<void>;
  dispose(): void;
}

/** Stage models by block range (planning blocks); each call returns bytes the caller may transfer. */
export interface StageModels {
  model(firstBlock: number, lastBlock: number): Promise<Uint8Array>;
}

/** What the host's backend needs to stream: the stage models, request inputs and (optionally) expected outputs. */
export interface DeviceRunInputs {
  stages: StageModels;
  /** Request inputs, cycled by request id. */
  inputs: TensorValue[][];
  /** The whole model's outputs per input, to verify results (mismatch in the dispatcher's events). */
  expected?: TensorValue[][];
  /** Compare every Nth result (default 1; 0 = never). */
  verifyEvery?: number;
  /** How WorldControl.kill ends a member (default: the host removes it from the session; a test may kill its process). */
  kill?: (member: string) => void;
}

/** The WebSocket the core needs (the browser's, or `ws` in Node). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;
