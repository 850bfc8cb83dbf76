/**
 * The session protocol's JSON messages (docs/design.md, "Session service"): the types a host page, a member page
 * and a headless node build on, and the checks the server applies to every text message it receives.
 * A peer never names itself: the server knows who a connection is and stamps `from` on what it relays.
 */
import { boundedJsonObject, type Check, label, literal, number, objectOf, orNull, text } from './json-checks';

/** The caps a peer needs to know to stay inside them (sent in `welcome`; the figures: src/server/limits.ts). */
export interface PublicLimits {
  maxTextBytes: number;
  maxFramePayloadBytes: number;
  messagesPerSec: number;
  bytesPerSec: number;
  maxBufferedBytes: number;
  maxMembersPerSession: number;
}

/** The bounds of an opaque node-protocol body. */
export interface BodyBounds {
  maxJsonDepth: number;
  maxJsonValues: number;
  maxKeyChars: number;
}

/** 'host', or a member id the server assigned: m1, m2, ... */
export type PeerId = string;
export const PEER_ID = /^(host|m[1-9][0-9]{0,5})$/;
export const MEMBER_ID = /^m[1-9][0-9]{0,5}$/;

/** What a member says about its device; the host shows it as text only. */
export interface MemberInfo {
  id: PeerId;
  label: string | null;
  cores: number | null;
  memoryGiB: number | null;
  /** A browser tab or a headless `seifer-lab node`, as the member said. */
  device: 'browser' | 'node' | null;
}

/** WebRTC signalling, shaped like RTCSessionDescriptionInit / RTCIceCandidateInit (null candidate = end). */
export type SignalData =
  | { description: { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp: string } }
  | { candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null } | null };

/** Opaque node-protocol payload: any JSON object within the depth, size and key bounds. */
export type NodeBody = Record<string, unknown>;

/** The first message of a connection. */
export type HelloMessage =
  | { type: 'open' }
  | { type: 'host'; session: string; token: string }
  | { type: 'join'; session: string; label?: string; cores?: number; memoryGiB?: number; device?: 'browser' | 'node' }
  | { type: 'attach'; session: string; peer: PeerId; token: string };

/** What a peer may send once it is in a session (`kick` and `end` from the host only). */
export type SessionMessage = { type: 'signal'; to: PeerId; data: SignalData } | { type: 'node'; to: PeerId; body: NodeBody } | { type: 'leave' } | { type: 'kick'; member: PeerId } | { type: 'end' };

export type ClientMessage = HelloMessage | SessionMessage;

/** Why a member is no longer in the session (in `left`). */
export type LeaveReason = 'leave' | 'closed' | 'kicked' | 'abuse' | 'slow';

export type ServerMessage =
  | { type: 'welcome'; role: 'host' | 'member'; session: string; you: PeerId; token: string; members: MemberInfo[]; hostConnected: boolean; limits: PublicLimits }
  | { type: 'attached'; you: PeerId }
  | { type: 'joined'; member: MemberInfo }
  | { type: 'left'; member: PeerId; reason: LeaveReason }
  | { type: 'host-status'; connected: boolean }
  | { type: 'signal'; from: PeerId; data: SignalData }
  | { type: 'node'; from: PeerId; body: NodeBody }
  | { type: 'dropped'; of: 'signal' | 'node' | 'kick' | 'frame'; to: PeerId; reason: string };

/** The `dropped` reason for a destination whose queue is full (it is there, but not reading fast enough). */
export const DROPPED_BUSY = 'the destination is not reading fast enough';

export const HELLO_TYPES = ['open', 'host', 'join', 'attach'] as const;
const SESSION_TYPES = ['signal', 'node', 'leave', 'kick', 'end'] as const;

const sessionCode = text(1, 40);
const token = text(1, 64, /^[A-Za-z0-9_-]+$/);
const peerId = text(1, 7, PEER_ID);
const memberId = text(2, 7, MEMBER_ID);
const type = (name: string): Check => literal(name);

const description: Check = (value, path) => objectOf(value, path, { type: literal('offer', 'answer', 'pranswer', 'rollback'), sdp: text(0, 32_768) });
const candidate: Check = (value, path) =>
  value === null ? null : objectOf(value, path, { candidate: text(0, 1024) }, { sdpMid: orNull(text(0, 64)), sdpMLineIndex: orNull(number(0, 1024, true)), usernameFragment: orNull(text(0, 256)) });
const signalData: Check = (value, path) => (typeof value === 'object' && value !== null && 'description' in value ? objectOf(value, path, { description }) : objectOf(value, path, { candidate }));

function checksFor(kind: string, limits: BodyBounds): Record<string, Check> | null {
  switch (kind) {
    case 'open':
      return { type: type('open') };
    case 'host':
      return { type: type('host'), session: sessionCode, token };
    case 'join':
      return { type: type('join'), session: sessionCode };
    case 'attach':
      return { type: type('attach'), session: sessionCode, peer: peerId, token };
    case 'signal':
      return { type: type('signal'), to: peerId, data: signalData };
    case 'node':
      return { type: type('node'), to: peerId, body: boundedJsonObject({ maxDepth: limits.maxJsonDepth, maxValues: limits.maxJsonValues, maxKeyChars: limits.maxKeyChars }) };
    case 'leave':
      return { type: type('leave') };
    case 'kick':
      return { type: type('kick'), member: memberId };
    case 'end':
      return { type: type('end') };
    default:
      return null;
  }
}

const JOIN_OPTIONAL: Record<string, Check> = { label: label(64), cores: number(1, 1024, true), memoryGiB: number(0, 4096), device: literal('browser', 'node') };

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

/** Parses and checks one text message; `expect` says whether a hello or an in-session message is due. */
export function parseClientMessage(raw: string, expect: 'hello' | 'session', limits: BodyBounds): Parsed<ClientMessage> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'malformed JSON' };
  }
  const kind = typeof value === 'object' && value !== null && 'type' in value ? (value as { type: unknown }).type : undefined;
  const allowed: readonly string[] = expect === 'hello' ? HELLO_TYPES : SESSION_TYPES;
  if (typeof kind !== 'string' || !allowed.includes(kind)) {
    return { ok: false, reason: `expected a message of type ${allowed.join(', ')}` };
  }
  const problem = objectOf(value, kind, checksFor(kind, limits)!, kind === 'join' ? JOIN_OPTIONAL : {});
  return problem ? { ok: false, reason: problem } : { ok: true, message: value as ClientMessage };
}
