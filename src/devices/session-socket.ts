/**
 * One WebSocket to the session service (docs/design.md, "Session service"), as the host and the members use it:
 * say hello, wait for the welcome (bounded in time), then JSON messages and binary frames in both directions.
 * Errors before the welcome become one clear sentence: the server is unreachable, the code is wrong, the session is full.
 */
import { CLOSE } from '../session/close-codes';
import { decodeFrame, encodeFrame } from '../session/frames';
import type { HelloMessage, PeerId, ServerMessage, SessionMessage } from '../session/messages';
import type { SocketFactory, SocketLike } from './types';

type Welcome = Extract<ServerMessage, { type: 'welcome' }>;
type Attached = Extract<ServerMessage, { type: 'attached' }>;

const OPEN = 1;
/** A welcome is due within this time after connecting. */
const WELCOME_TIMEOUT_MS = 10_000;

export interface SocketEvents {
  message(message: ServerMessage): void;
  frame(from: PeerId, payload: Uint8Array): void;
  closed(code: number, reason: string): void;
}

/** The browser's WebSocket, or a factory passed in (Node: `ws`). */
export function defaultSocketFactory(): SocketFactory {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
  if (!Ctor) throw new Error('this environment has no WebSocket: pass options.socket (in Node, a factory around the ws package)');
  return (url) => new Ctor(url);
}

/** Frames leave at no more than this share of the server's byte rate per connection (room for control text and jitter). */
export const PACE_SHARE = 0.9;

export class SessionSocket {
  private closedWith: { code: number; reason: string } | null = null;

  /** The data connection (binary frames only), when one is attached: bulk data never delays control messages. */
  private data: SessionSocket | null = null;
  private readonly pace = { aheadBytes: 0, atMs: 0 };

  private constructor(
    private readonly socket: SocketLike,
    readonly welcome: Welcome,
    readonly url: string,
  ) {}

  /** Connects, says `hello`, and resolves with the welcome; rejects with a sentence saying what went wrong. */
  static connect(url: string, hello: HelloMessage, factory: SocketFactory): Promise<SessionSocket> {
    return SessionSocket.open(url, hello, factory, 'welcome') as Promise<SessionSocket>;
  }

  /**
   * Opens this peer's data connection (`attach`) for binary frames; frames then leave and arrive there, while the
   * server's answers (`dropped`) still come on the main connection. Without it (refused), frames use the main one.
   */
  async attachData(factory: SocketFactory, frame: (from: PeerId, payload: Uint8Array) => void): Promise<boolean> {
    const { session, you, token } = this.welcome;
    try {
      const data = await SessionSocket.open(this.url, { type: 'attach', session, peer: you, token }, factory, 'attached');
      data.listen({ message: () => undefined, frame, closed: () => (this.data = null) });
      this.data = data;
      return true;
    } catch {
      return false;
    }
  }

  private static open(url: string, hello: HelloMessage, factory: SocketFactory, expect: 'welcome' | 'attached'): Promise<SessionSocket> {
    return new Promise((resolve, reject) => {
      let socket: SocketLike;
      try {
        socket = factory(url);
      } catch (error) {
        reject(new Error(`cannot open a WebSocket to ${url}: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
      socket.binaryType = 'arraybuffer';
      let settled = false;
      let opened = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new Error(why));
        try {
          socket.close();
        } catch {
          // already closed
        }
      };
      const timer = setTimeout(() => fail(`the lab server at ${url} did not welcome us within ${WELCOME_TIMEOUT_MS / 1000} s`), WELCOME_TIMEOUT_MS);
      socket.onopen = () => {
        opened = true;
        socket.send(JSON.stringify(hello));
      };
      socket.onerror = () => {
        if (!opened) fail(`cannot reach the lab server at ${url}: is \`seifer-lab serve\` running there?`);
      };
      socket.onclose = (event) => {
        if (!opened) return fail(`cannot reach the lab server at ${url}: is \`seifer-lab serve\` running there?`);
        fail(refusal(event.code, event.reason));
      };
      socket.onmessage = (event) => {
        if (typeof event.data !== 'string') return fail('the lab server answered with binary data before its welcome');
        let message: ServerMessage;
        try {
          message = JSON.parse(event.data) as ServerMessage;
        } catch {
          return fail('the lab server answered with malformed JSON');
        }
        if (message.type !== expect) return fail(`the lab server answered '${message.type}' before its welcome`);
        settled = true;
        clearTimeout(timer);
        resolve(new SessionSocket(socket, message.type === 'welcome' ? message : attachedAsWelcome(message), url));
      };
    });
  }

  /** Starts delivering messages, frames and the close to `events`. */
  listen(events: SocketEvents): void {
    this.socket.onmessage = (event) => {
      if (typeof event.data === 'string') {
        let message: ServerMessage;
        try {
          message = JSON.parse(event.data) as ServerMessage;
        } catch {
          return;
        }
        events.message(message);
        return;
      }
      const bytes =
        event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : ArrayBuffer.isView(event.data) ? new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength) : null;
      if (!bytes) return;
      const frame = decodeFrame(bytes, Number.MAX_SAFE_INTEGER);
      if (frame.ok) events.frame(frame.peer, frame.payload);
    };
    this.socket.onclose = (event) => {
      this.closedWith = { code: event.code, reason: event.reason };
      events.closed(event.code, event.reason);
    };
    this.socket.onerror = () => undefined;
    if (this.closedWith) events.closed(this.closedWith.code, this.closedWith.reason);
  }

  get isOpen(): boolean {
    return this.socket.readyState === OPEN;
  }

  /** Bytes this side has queued for frames and not yet written to the network. */
  get bufferedAmount(): number {
    return (this.data?.isOpen ? this.data.bufferedAmount : this.socket.bufferedAmount) + this.pacedBytes();
  }

  /** Sends a session message; false when the socket is closed. */
  send(message: SessionMessage): boolean {
    if (!this.isOpen) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  sendFrame(to: PeerId, payload: Uint8Array): boolean {
    this.pacedBytes();
    if (this.data?.isOpen) {
      if (!this.data.sendFrame(to, payload)) return false;
    } else {
      if (!this.isOpen) return false;
      this.socket.send(encodeFrame(to, payload));
    }
    this.pace.aheadBytes += payload.byteLength;
    return true;
  }

  /**
   * Frames sent ahead of the server's byte rate (welcome.limits.bytesPerSec, a token bucket per connection), that
   * share of it taken: they count as buffered, so a sender waits for them as for the socket's own buffer. Above the
   * server's rate for longer than its burst, the server closes the connection as abusive (a host streaming requests
   * fast lost its data connection, and its members looked dead).
   */
  private pacedBytes(): number {
    const rate = this.welcome.limits?.bytesPerSec;
    if (!(typeof rate === 'number' && rate > 0)) return 0;
    const nowMs = performance.now();
    this.pace.aheadBytes = Math.max(0, this.pace.aheadBytes - ((nowMs - this.pace.atMs) * rate * PACE_SHARE) / 1000);
    this.pace.atMs = nowMs;
    return this.pace.aheadBytes;
  }

  close(code = 1000, reason = 'closed'): void {
    this.data?.close(code, reason);
    this.data = null;
    try {
      this.socket.close(code, reason);
    } catch {
      // already closed
    }
  }
}

function attachedAsWelcome(message: Attached): Welcome {
  return { type: 'welcome', role: 'member', session: '', you: message.you, token: '', members: [], hostConnected: true, limits: {} as Welcome['limits'] };
}

/** The sentence for a connection the server closed before welcoming it. */
export function refusal(code: number, reason: string): string {
  switch (code) {
    case CLOSE.notRecognised.code:
      return 'the lab server knows no session with this code: check the join link (the session may have ended)';
    case CLOSE.sessionFull.code:
      return 'the session is full';
    case CLOSE.serverFull.code:
      return 'the lab server is full: try again later';
    default:
      return `the lab server closed the connection (${code}${reason ? `: ${reason}` : ''})`;
  }
}
