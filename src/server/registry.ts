/**
 * The session registry: every session and connection of one server, with the protocol's rules (docs/design.md,
 * "Session service"). Pure logic over the `Conn` interface with an injected clock and random source, so unit
 * tests drive it without sockets; ws-wiring.ts connects real WebSockets to it.
 */
import { CLOSE, type CloseKind, closeReason } from '../session/close-codes';
import { type HelloMessage, type LeaveReason, parseClientMessage, type ServerMessage } from '../session/messages';
import { normalizeSessionCode } from '../session/session-code';
import { newSessionCode, newToken, type RandomBytes, sameSecret } from './codes';
import { publicLimits, type SessionLimits, withLimits } from './limits';
import { handleFrame, handleSessionMessage } from './relay';
import { type Conn, Connection, findPeer, memberInfos, newSession, type Peer, type Session } from './session';

export interface RegistryOptions {
  limits?: Partial<SessionLimits>;
  /** Milliseconds on any monotonic clock. */
  now: () => number;
  randomBytes: RandomBytes;
}

/** What the wiring calls for one socket. */
export interface ConnectionEvents {
  message(data: Uint8Array, isBinary: boolean): void;
  closed(): void;
}

const LEAVE_REASON: Partial<Record<CloseKind, LeaveReason>> = {
  left: 'leave',
  kicked: 'kicked',
  slowReader: 'slow',
  rateLimited: 'abuse',
  badMessage: 'abuse',
  tooLarge: 'abuse',
  badFrame: 'abuse',
};
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class SessionRegistry {
  readonly limits: SessionLimits;
  private readonly sessions = new Map<string, Session>();
  private readonly pending = new Set<Connection>();
  private readonly congested = new Set<Connection>();

  constructor(private readonly options: RegistryOptions) {
    this.limits = withLimits(options.limits);
  }

  /** Opens a session with no host connected yet; `code` (a typed code) instead of a fresh one. */
  createSession({ persistent = false, code }: { persistent?: boolean; code?: string } = {}): { code: string; hostToken: string } {
    if (this.sessions.size >= this.limits.maxSessions) throw new RangeError(`the server already holds ${this.limits.maxSessions} sessions`);
    const canonical = code === undefined ? this.freshCode() : normalizeSessionCode(code);
    if (canonical === null) throw new RangeError('a session code is 16 characters of Crockford base32, like 7QK2-M9XD-4HRT-0BWE');
    if (this.sessions.has(canonical)) throw new RangeError('a session with this code exists already');
    const session = newSession(canonical, newToken(this.options.randomBytes), persistent, this.options.now());
    this.sessions.set(canonical, session);
    return { code: canonical, hostToken: session.host.token };
  }

  connect(conn: Conn): ConnectionEvents {
    const c = new Connection(conn, this.options.now(), this.limits);
    if (this.pending.size >= this.limits.maxPendingConnections) {
      c.state = 'closed';
      conn.close(CLOSE.serverFull.code, closeReason('serverFull', 'too many connections waiting'));
    } else this.pending.add(c);
    return { message: (data, isBinary) => this.receive(c, data, isBinary), closed: () => this.detach(c, 'closed') };
  }

  /** Closes connections that never said hello, slow readers, and sessions whose host stayed away; call about once a second. */
  sweep(): void {
    const now = this.options.now();
    for (const c of this.pending) if (now - c.openedAtMs > this.limits.helloTimeoutMs) this.drop(c, 'helloTimeout');
    for (const c of this.congested) {
      if (c.state === 'closed' || c.conn.bufferedBytes() <= this.limits.maxBufferedBytes / 2) {
        c.congestedSinceMs = null;
        this.congested.delete(c);
      } else if (now - c.congestedSinceMs! > this.limits.slowReaderMs) this.drop(c, 'slowReader');
    }
    for (const session of this.sessions.values()) {
      if (!session.persistent && session.hostGoneSinceMs !== null && now - session.hostGoneSinceMs > this.limits.hostGraceMs) this.endSession(session, 'sessionExpired');
    }
  }

  stats(): { sessions: number; members: number; pending: number } {
    const members = [...this.sessions.values()].reduce((sum, s) => sum + s.members.size, 0);
    return { sessions: this.sessions.size, members, pending: this.pending.size };
  }

  /**
   * Sends to one connection; false when the message would take its queue past the cap: then it is dropped (server
   * memory stays bounded) and the connection is watched by sweep, which closes it if the queue does not drain.
   */
  send(c: Connection | null, message: ServerMessage | Uint8Array): boolean {
    if (!c || c.state === 'closed') return false;
    const payload = message instanceof Uint8Array ? message : JSON.stringify(message);
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
    if (c.conn.bufferedBytes() + size > this.limits.maxBufferedBytes) {
      c.congestedSinceMs ??= this.options.now();
      this.congested.add(c);
      return false;
    }
    if (typeof payload === 'string') c.conn.sendText(payload);
    else c.conn.sendBinary(payload);
    return true;
  }

  /** Closes a connection for a reason from the close-code table, and updates the session at once. */
  drop(c: Connection, kind: CloseKind, detail?: string): void {
    if (c.state === 'closed') return;
    this.detach(c, LEAVE_REASON[kind] ?? 'closed');
    if (kind === 'slowReader') c.conn.terminate();
    else c.conn.close(CLOSE[kind].code, closeReason(kind, detail));
  }

  endSession(session: Session, kind: 'sessionEnded' | 'sessionExpired'): void {
    session.ended = true;
    this.sessions.delete(session.code);
    for (const peer of [...session.members.values(), session.host]) {
      for (const c of [peer.data, peer.main]) if (c) this.drop(c, kind);
    }
  }

  private freshCode(): string {
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = newSessionCode(this.options.randomBytes);
      if (!this.sessions.has(code)) return code;
    }
    throw new Error('the random source keeps repeating session codes');
  }

  private receive(c: Connection, data: Uint8Array, isBinary: boolean): void {
    if (c.state === 'closed') return;
    const now = this.options.now();
    if (!c.messages.take(1, now) || !c.bytes.take(data.byteLength, now)) return this.drop(c, 'rateLimited');
    if (isBinary) {
      if (c.state === 'pending') return this.drop(c, 'badFrame', 'say hello first');
      return handleFrame(this, c, data);
    }
    if (data.byteLength > this.limits.maxTextBytes) return this.drop(c, 'tooLarge', `text over ${this.limits.maxTextBytes} bytes`);
    if (c.state === 'data') return this.drop(c, 'badMessage', 'a data connection carries binary frames only');
    let raw: string;
    try {
      raw = utf8.decode(data);
    } catch {
      return this.drop(c, 'badMessage', 'text is not UTF-8');
    }
    const parsed = parseClientMessage(raw, c.state === 'pending' ? 'hello' : 'session', this.limits);
    if (!parsed.ok) return this.drop(c, 'badMessage', parsed.reason);
    if (c.state === 'pending') this.hello(c, parsed.message as HelloMessage);
    else handleSessionMessage(this, c, parsed.message);
  }

  private hello(c: Connection, message: HelloMessage): void {
    if (message.type === 'open') {
      if (this.sessions.size >= this.limits.maxSessions) return this.drop(c, 'serverFull', `${this.limits.maxSessions} sessions`);
      const { code } = this.createSession();
      return this.becomeHost(c, this.sessions.get(code)!);
    }
    const code = normalizeSessionCode(message.session);
    const session = code === null ? undefined : this.sessions.get(code);
    if (!session) return this.drop(c, 'notRecognised');
    if (message.type === 'host') {
      if (!sameSecret(message.token, session.host.token)) return this.drop(c, 'notRecognised');
      return this.becomeHost(c, session);
    }
    if (message.type === 'attach') {
      const peer = findPeer(session, message.peer);
      if (!peer || !peer.main || !sameSecret(message.token, peer.token)) return this.drop(c, 'notRecognised');
      if (peer.data) this.drop(peer.data, 'replaced');
      this.place(c, session, peer, 'data');
      this.send(c, { type: 'attached', you: peer.id });
      return;
    }
    if (session.members.size >= this.limits.maxMembersPerSession) return this.drop(c, 'sessionFull', `${this.limits.maxMembersPerSession} members`);
    const id = `m${session.nextMember++}`;
    const info = { id, label: message.label ?? null, cores: message.cores ?? null, memoryGiB: message.memoryGiB ?? null, device: message.device ?? null };
    const member: Peer = { id, token: newToken(this.options.randomBytes), info, main: null, data: null };
    session.members.set(id, member);
    this.place(c, session, member, 'main');
    this.welcome(c, session, member);
    this.send(session.host.main, { type: 'joined', member: info });
  }

  private becomeHost(c: Connection, session: Session): void {
    if (session.host.main) this.drop(session.host.main, 'replaced');
    this.place(c, session, session.host, 'main');
    session.hostGoneSinceMs = null;
    this.welcome(c, session, session.host);
    for (const member of session.members.values()) this.send(member.main, { type: 'host-status', connected: true });
  }

  private place(c: Connection, session: Session, peer: Peer, role: 'main' | 'data'): void {
    this.pending.delete(c);
    Object.assign(c, { state: role, session, peer });
    peer[role] = c;
  }

  private welcome(c: Connection, session: Session, peer: Peer): void {
    const host = peer.id === 'host';
    const members = host ? memberInfos(session) : [];
    this.send(c, {
      type: 'welcome',
      role: host ? 'host' : 'member',
      session: session.code,
      you: peer.id,
      token: peer.token,
      members,
      hostConnected: session.host.main !== null,
      limits: publicLimits(this.limits),
    });
  }

  /** Forgets a connection; when it was a peer's main connection, the peer leaves (a member) or is away (the host). */
  private detach(c: Connection, reason: LeaveReason): void {
    const { state, session, peer } = c;
    if (state === 'closed') return;
    c.state = 'closed';
    this.pending.delete(c);
    this.congested.delete(c);
    if (!session || !peer) return;
    if (state === 'data') {
      if (peer.data === c) peer.data = null;
      return;
    }
    if (peer.main !== c) return;
    peer.main = null;
    if (peer.data) this.drop(peer.data, 'left');
    if (session.ended) return;
    if (peer.id === 'host') {
      session.hostGoneSinceMs = this.options.now();
      for (const member of session.members.values()) this.send(member.main, { type: 'host-status', connected: false });
    } else {
      session.members.delete(peer.id);
      this.send(session.host.main, { type: 'left', member: peer.id, reason });
    }
  }
}
