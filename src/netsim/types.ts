/**
 * The network world as plain, JSON-serialisable data (no Infinity, no class instances): what the UI shows,
 * what crosses postMessage, and what test fixtures hold. Times are in ms on the network's clock.
 */

/** A node of the emulated cluster; the dispatcher is a node like any other. */
export type NodeId = string & { readonly __brand: 'NodeId' };

export type TransferId = number;

/** The run-time settings of one directed link. */
export interface LinkConfig {
  /** Payload rate in Mbit/s (1 Mbit/s = 125 bytes per ms). */
  bandwidthMbps: number;
  /** One-way propagation delay added to every delivery. */
  latencyMs: number;
  /** Extra delay drawn uniformly from [0, jitterMs) per message, never reordering a link. */
  jitterMs: number;
  /** Probability that one segment is lost on one attempt, in [0, 0.9]; lost segments are resent, never missing. */
  lossRate: number;
  /** A link that is down holds its traffic until it is up again. */
  isUp: boolean;
}

export interface LinkSpec extends LinkConfig {
  from: NodeId;
  to: NodeId;
}

export interface NodeSpec {
  id: NodeId;
  isUp: boolean;
  /** A shared medium (one radio): all of this node's outgoing links share this rate, FIFO across them. null = every link has its own rate. */
  radioMbps: number | null;
}

/** Directed links between every ordered pair of distinct nodes. */
export interface World {
  nodes: NodeSpec[];
  links: LinkSpec[];
}

export interface NetworkOptions {
  /** Seeds jitter and loss; each link draws from its own stream, so traffic on one link never shifts another. Default 1. */
  seed?: number;
  /** Payload bytes per segment for the loss model (default 1460, a TCP segment on Ethernet). */
  segmentBytes?: number;
  /** Lower bound of the retransmission timeout (default 200 ms, Linux's TCP_RTO_MIN). */
  minRtoMs?: number;
  /** How long after a failure its sender hears of it (default 0: at once, through the clock). */
  failureDetectionMs?: number;
  /** Window of LinkStats.bytesPerSec (default 1000 ms). */
  statsWindowMs?: number;
  /**
   * Settings of the links the world does not list, asked for the first time a pair is used (links are created
   * lazily, so a 1,000-node world costs nothing for the pairs that never carry traffic). Without it, the world
   * must list every ordered pair.
   */
  linkFor?: (from: NodeId, to: NodeId) => LinkConfig;
}

/**
 * held: waiting on a link that is down; in-flight: scheduled, deliverAtMs is set; delivered; failed: dropped
 * because its sender or receiver was down (the sender is told, so that it can resend).
 */
export type TransferStatus = 'held' | 'in-flight' | 'delivered' | 'failed';
export type FailureReason = 'receiver-down' | 'sender-down';

export interface Transfer {
  id: TransferId;
  from: NodeId;
  to: NodeId;
  bytes: number;
  sentAtMs: number;
  /** First byte on the wire; null while held before it was scheduled. */
  startMs: number | null;
  /** Last byte (including retransmissions) on the wire. */
  endMs: number | null;
  deliverAtMs: number | null;
  /** Retransmission rounds after the first transmission (0 when nothing was lost). */
  retransmissionRounds: number;
  retransmittedBytes: number;
  status: TransferStatus;
  failure: FailureReason | null;
  /** When the failure happened (the sender hears of it failureDetectionMs later). */
  failedAtMs: number | null;
}

/** Running totals of one link. */
export interface LinkCounters {
  /** Payload bytes accepted by send() on this link. */
  bytesSent: number;
  bytesDelivered: number;
  retransmittedBytes: number;
  messagesSent: number;
  messagesDelivered: number;
  messagesFailed: number;
}

export interface LinkStats extends LinkCounters {
  from: NodeId;
  to: NodeId;
  /** Sent and not yet delivered or failed (held ones included). */
  inFlight: number;
  /** Transfers whose transmission has not finished yet (waiting, on the wire, or held). */
  queueLength: number;
  /** Bytes still to be put on the wire (waiting, partly sent, pending retransmissions, held). */
  backlogBytes: number;
  /** Bytes put on the wire (including retransmissions) over the last statsWindowMs, per second. */
  bytesPerSec: number;
}

export type NetworkEvent =
  | { kind: 'transfer-sent'; atMs: number; transfer: Transfer }
  | { kind: 'transfer-delivered'; atMs: number; transfer: Transfer }
  | { kind: 'transfer-failed'; atMs: number; transfer: Transfer }
  | { kind: 'link-changed'; atMs: number; from: NodeId; to: NodeId; change: Partial<Omit<LinkConfig, 'isUp'>>; link: LinkConfig }
  | { kind: 'link-down'; atMs: number; from: NodeId; to: NodeId; heldTransfers: number }
  | { kind: 'link-up'; atMs: number; from: NodeId; to: NodeId; resumedTransfers: number }
  | { kind: 'node-down'; atMs: number; node: NodeId; failedTransfers: number }
  | { kind: 'node-up'; atMs: number; node: NodeId }
  | { kind: 'radio-changed'; atMs: number; node: NodeId; radioMbps: number | null };

/** Everything a Network holds, as plain data (for the UI, logs and tests). */
export interface NetworkSnapshot {
  atMs: number;
  world: World;
  /** Undelivered transfers (held or in flight), per link in FIFO order. */
  transfers: Transfer[];
  links: LinkStats[];
}

export interface Delivery<P> {
  transfer: Transfer;
  payload: P;
  /** Lost to a dropNext() fault: the sender's side sees it arrive, the receiver must not get it. */
  isLost: boolean;
}
