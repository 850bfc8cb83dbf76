/**
 * The seam between the emulator and the cluster it drives, in two halves that never meet:
 * - DispatcherTransport: all the dispatcher has. It sends node-protocol messages and hears reports, results
 *   and what its own sends did. It cannot see the world.
 * - WorldControl: the faults. Only the run loop (for a schedule, the page's clicks, the chaos switch) injects
 *   them, into the links and the devices; the dispatcher has to notice them. See docs/design.md.
 * Implementations: SimBackend (virtual time, simulated compute) and WorkerBackend in src/workers/ (real time,
 * one Web Worker / worker thread per node running onnxruntime-web).
 */
import type { Clock } from '../netsim/clock';
import type { LinkConfig, LinkStats } from '../netsim/types';
import type { DispatcherMessage, NodeMessage, NodeReport } from './node-protocol';

export { DISPATCHER } from './node-protocol';

/** What reaches the dispatcher. */
export type TransportEvent =
  /** A node's report or result. `mismatch`: how far a verified result is from the whole model's (real mode). */
  | { kind: 'message'; atMs: number; from: string; message: NodeReport; mismatch?: number }
  /** One of the dispatcher's own data messages arrived after wireMs on the wire. */
  | { kind: 'delivered'; atMs: number; to: string; type: NodeMessage['type']; bytes: number; wireMs: number }
  /** A send of the dispatcher's was refused: the receiver is gone. */
  | { kind: 'send-failed'; atMs: number; to: string }
  /** The dispatcher's sends to `to` stopped arriving. */
  | { kind: 'stalled'; atMs: number; to: string };

export interface DispatcherTransport {
  readonly clock: Clock;
  send(to: string, message: DispatcherMessage): void;
  listen(listener: (event: TransportEvent) => void): void;
}

/** A link change: any of the settings, never isUp (that is setLinkUp). */
export type LinkChange = Partial<Omit<LinkConfig, 'isUp'>>;

export interface WorldControl {
  /** The device is gone (its process died, it lost power): it holds nothing if it ever comes back. */
  kill(node: string): void;
  /** The device stops answering anything, without closing its connections. */
  hang(node: string): void;
  /** A dead or hung device starts again, empty. */
  revive(node: string): void;
  /** The device computes at `gflops` from now on (thermal throttling, a background job...). */
  setNodeSpeed(node: string, gflops: number): void;
  setLink(from: string, to: string, change: LinkChange): void;
  setLinkUp(from: string, to: string, isUp: boolean): void;
  /** Loses the next `count` messages on a link outright, beyond what retransmission hides. */
  dropMessages(from: string, to: string, count: number): void;
}

export interface ClusterBackend extends DispatcherTransport, WorldControl {
  /** Links that carried traffic, for the views (the dispatcher does not read them). */
  linkStats(): LinkStats[];
  dispose(): void;
}
