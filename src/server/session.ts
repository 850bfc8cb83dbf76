/**
 * One session's plain state: its code, the host and the members, each a peer with a secret token and up to two
 * connections (main for JSON, an optional data connection for binary frames). The registry changes it.
 */
import { TokenBucket } from './token-bucket';
import type { SessionLimits } from './limits';
import type { MemberInfo, PeerId } from '../session/messages';

/** What the registry needs from a socket; the ws wiring adapts a WebSocket to it, unit tests a fake. */
export interface Conn {
  sendText(text: string): void;
  sendBinary(data: Uint8Array): void;
  /** Bytes queued for this connection and not yet written to the network. */
  bufferedBytes(): number;
  close(code: number, reason: string): void;
  /** Drops the connection at once, without waiting for queued data to drain. */
  terminate(): void;
}

export interface Peer {
  id: PeerId;
  token: string;
  /** Null for the host. */
  info: MemberInfo | null;
  main: Connection | null;
  data: Connection | null;
}

export interface Session {
  code: string;
  host: Peer;
  members: Map<PeerId, Peer>;
  nextMember: number;
  /** The default session of `seifer-lab serve` stays when its host is gone. */
  persistent: boolean;
  hostGoneSinceMs: number | null;
  ended: boolean;
}

/** The registry's record of one connection. */
export class Connection {
  state: 'pending' | 'main' | 'data' | 'closed' = 'pending';
  session: Session | null = null;
  peer: Peer | null = null;
  /** When a message to this connection was last dropped for a full queue and the queue has not drained since. */
  congestedSinceMs: number | null = null;
  readonly messages: TokenBucket;
  readonly bytes: TokenBucket;

  constructor(
    readonly conn: Conn,
    readonly openedAtMs: number,
    limits: SessionLimits,
  ) {
    this.messages = new TokenBucket(limits.messagesPerSec, limits.messageBurst, openedAtMs);
    this.bytes = new TokenBucket(limits.bytesPerSec, limits.byteBurst, openedAtMs);
  }
}

export function newSession(code: string, hostToken: string, persistent: boolean, nowMs: number): Session {
  return {
    code,
    host: { id: 'host', token: hostToken, info: null, main: null, data: null },
    members: new Map(),
    nextMember: 1,
    persistent,
    hostGoneSinceMs: nowMs,
    ended: false,
  };
}

export function findPeer(session: Session, id: PeerId): Peer | null {
  return id === 'host' ? session.host : (session.members.get(id) ?? null);
}

export function memberInfos(session: Session): MemberInfo[] {
  return [...session.members.values()].map((m) => m.info!);
}
