/**
 * Every cap of the session service in one place (docs/design.md, "Session service", lists them with the reasons).
 * The server runs with DEFAULT_LIMITS; tests pass smaller figures to reach a cap quickly.
 */
import type { PublicLimits } from '../session/messages';

const KiB = 1024;
const MiB = 2 ** 20;

export interface SessionLimits {
  /** Sessions one server holds at once (the default session counts). */
  maxSessions: number;
  /** Members one session admits at once (the host is not a member). */
  maxMembersPerSession: number;
  /** Connections that have not yet sent their first message; more are refused at once. */
  maxPendingConnections: number;
  /** A connection must say open, host, join or attach within this time. */
  helloTimeoutMs: number;
  /** Largest JSON text message, in UTF-8 bytes. */
  maxTextBytes: number;
  /** Largest payload of one binary data frame (the header comes on top). */
  maxFramePayloadBytes: number;
  /** Nesting depth and number of values of an opaque node-protocol body. */
  maxJsonDepth: number;
  maxJsonValues: number;
  /** Longest object key in a node-protocol body. */
  maxKeyChars: number;
  /** Token bucket on messages per connection: sustained rate and burst. */
  messagesPerSec: number;
  messageBurst: number;
  /** Token bucket on bytes per connection: sustained rate and burst. */
  bytesPerSec: number;
  byteBurst: number;
  /** Bytes the server may hold queued for one connection; a message that would pass it is dropped, not queued. */
  maxBufferedBytes: number;
  /** A connection whose queue stays above half the cap this long after a drop is a slow reader and is closed. */
  slowReaderMs: number;
  /** A session (other than the default one) ends when its host has been gone this long. */
  hostGraceMs: number;
  /** Protocol-level ping period; a connection that has not answered the previous ping is closed. */
  pingIntervalMs: number;
}

export const DEFAULT_LIMITS: Readonly<SessionLimits> = Object.freeze({
  maxSessions: 16,
  maxMembersPerSession: 32,
  maxPendingConnections: 64,
  helloTimeoutMs: 10_000,
  maxTextBytes: 64 * KiB,
  maxFramePayloadBytes: 1 * MiB,
  maxJsonDepth: 16,
  maxJsonValues: 4096,
  maxKeyChars: 64,
  messagesPerSec: 500,
  messageBurst: 1000,
  bytesPerSec: 16 * MiB,
  byteBurst: 32 * MiB,
  maxBufferedBytes: 8 * MiB,
  slowReaderMs: 10_000,
  hostGraceMs: 10 * 60_000,
  pingIntervalMs: 15_000,
});

/** Room for the binary frame header: version, id length, an id of up to 7 characters (see frames.ts). */
export const FRAME_HEADER_MAX_BYTES = 2 + 7;

/** The ws `maxPayload`: the larger of a text message and a full binary frame. */
export function maxMessageBytes(limits: SessionLimits): number {
  return Math.max(limits.maxTextBytes, limits.maxFramePayloadBytes + FRAME_HEADER_MAX_BYTES);
}

export function publicLimits(limits: SessionLimits): PublicLimits {
  const { maxTextBytes, maxFramePayloadBytes, messagesPerSec, bytesPerSec, maxBufferedBytes, maxMembersPerSession } = limits;
  return { maxTextBytes, maxFramePayloadBytes, messagesPerSec, bytesPerSec, maxBufferedBytes, maxMembersPerSession };
}

export function withLimits(overrides: Partial<SessionLimits> = {}): SessionLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`session limit '${key}' must be a finite number > 0, got ${value}`);
  }
  if (limits.maxBufferedBytes < maxMessageBytes(limits))
    throw new RangeError(`session limit 'maxBufferedBytes' must hold the largest message (${maxMessageBytes(limits)} bytes), got ${limits.maxBufferedBytes}`);
  return limits;
}
