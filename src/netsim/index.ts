/** The network simulator: links with bandwidth, latency, jitter and loss between emulated nodes, on an injected clock. */
export { createRealClock, realClock, VirtualClock } from './clock';
export type { Clock, RealClockOptions, TimerId } from './clock';
export { ScaledClock } from './scaled-clock';
export {
  BYTES_PER_MS_PER_MBPS,
  DEFAULT_MIN_RTO_MS,
  DEFAULT_SEGMENT_BYTES,
  deliverAtMs,
  lostPositions,
  planTransmission,
  retransmissionRounds,
  retransmissionTimeoutMs,
  serializationMs,
} from './delivery';
export type { TransmissionInput, TransmissionPlan } from './delivery';
export { Network } from './network';
export { createWorld, DEFAULT_LINK, linkConfigOf, linkConfigProblem, linkKey, MAX_LOSS_RATE, nodeId, validateWorld } from './world';
export type { WorldOptions } from './world';
export type {
  Delivery,
  FailureReason,
  LinkConfig,
  LinkCounters,
  LinkSpec,
  LinkStats,
  NetworkEvent,
  NetworkOptions,
  NetworkSnapshot,
  NodeId,
  NodeSpec,
  Transfer,
  TransferId,
  TransferStatus,
  World,
} from './types';
