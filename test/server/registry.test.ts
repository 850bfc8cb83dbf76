/** The registry alone, with fake connections, a hand-driven clock and seeded codes: the timing rules replay exactly. */
import { describe, expect, test } from 'vitest';
import { CLOSE } from '../../src/session/close-codes';
import { seededBytes } from '../../src/server/codes';
import type { ServerMessage } from '../../src/session/messages';
import { type RegistryOptions, SessionRegistry } from '../../src/server/registry';
import type { Conn } from '../../src/server/session';
import { createRng } from '../../src/util/rng';

class FakeConn implements Conn {
  sent: ServerMessage[] = [];
  binary: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | 'terminated' | null = null;
  queuedBytes = 0;
  sendText(text: string) {
    this.sent.push(JSON.parse(text));
  }
  sendBinary(data: Uint8Array) {
    this.binary.push(data);
  }
  bufferedBytes() {
    return this.queuedBytes;
  }
  close(code: number, reason: string) {
    this.closedWith = { code, reason };
  }
  terminate() {
    this.closedWith = 'terminated';
  }
}

function setup(limits: RegistryOptions['limits'] = {}) {
  const clock = { ms: 0 };
  const registry = new SessionRegistry({ limits, now: () => clock.ms, randomBytes: seededBytes(createRng(3)) });
  const open = (first?: unknown) => {
    const conn = new FakeConn();
    const events = registry.connect(conn);
    const say = (message: unknown) => events.message(new TextEncoder().encode(JSON.stringify(message)), false);
    if (first !== undefined) say(first);
    return { conn, events, say };
  };
  return { clock, registry, open };
}

describe('SessionRegistry', () => {
  test('seeded randomness gives the same codes and tokens; a pinned code is normalised', () => {
    const a = setup().registry.createSession();
    expect(setup().registry.createSession()).toEqual(a);
    expect(setup().registry.createSession({ code: '7qk2 m9xd 4hrt obwe' }).code).toBe('7QK2-M9XD-4HRT-0BWE');
    expect(() => setup().registry.createSession({ code: 'short' })).toThrow(RangeError);
  });

  test('sweep closes a connection silent past the hello timeout, not one a moment younger', () => {
    const { clock, registry, open } = setup({ helloTimeoutMs: 1000 });
    const early = open();
    clock.ms = 600;
    const late = open();
    clock.ms = 1001;
    registry.sweep();
    expect(early.conn.closedWith).toMatchObject({ code: CLOSE.helloTimeout.code });
    expect(late.conn.closedWith).toBeNull();
    expect(registry.stats().pending).toBe(1);
  });

  test('a session opened by a host ends when the host stays away past the grace; the persistent one stays', () => {
    const { clock, registry, open } = setup({ hostGraceMs: 5000 });
    const fixed = registry.createSession({ persistent: true });
    const host = open({ type: 'open' });
    const code = (host.conn.sent[0] as Extract<ServerMessage, { type: 'welcome' }>).session;
    const member = open({ type: 'join', session: code, label: 'phone' });
    expect(host.conn.sent.at(-1)).toEqual({ type: 'joined', member: { id: 'm1', label: 'phone', cores: null, memoryGiB: null, device: null } });
    host.events.closed();
    expect(member.conn.sent.at(-1)).toEqual({ type: 'host-status', connected: false });
    clock.ms = 5000;
    registry.sweep();
    expect(member.conn.closedWith).toBeNull();
    clock.ms = 5001;
    registry.sweep();
    expect(member.conn.closedWith).toMatchObject({ code: CLOSE.sessionExpired.code });
    expect(registry.stats()).toEqual({ sessions: 1, members: 0, pending: 0 });
    const again = open({ type: 'host', session: fixed.code, token: fixed.hostToken });
    expect(again.conn.sent[0]).toMatchObject({ type: 'welcome', role: 'host', you: 'host', members: [] });
  });

  test('a second host connection with the token replaces the first; members hear the host is back', () => {
    const { registry, open } = setup();
    const { code, hostToken } = registry.createSession();
    const first = open({ type: 'host', session: code, token: hostToken });
    const member = open({ type: 'join', session: code });
    const second = open({ type: 'host', session: code, token: hostToken });
    expect(first.conn.closedWith).toMatchObject({ code: CLOSE.replaced.code });
    expect(second.conn.sent[0]).toMatchObject({ type: 'welcome', members: [{ id: 'm1' }] });
    expect(member.conn.sent.at(-1)).toEqual({ type: 'host-status', connected: true });
  });

  test('connections past the pending cap are refused at once', () => {
    const { open } = setup({ maxPendingConnections: 2 });
    const conns = [open(), open(), open()];
    expect(conns.map((c) => c.conn.closedWith?.valueOf())).toEqual([undefined, undefined, expect.objectContaining({ code: CLOSE.serverFull.code })]);
  });

  test('a message that would pass the buffered-bytes cap is dropped; a queue that does not drain is closed as a slow reader', () => {
    const { clock, registry, open } = setup({ maxBufferedBytes: 1000, maxTextBytes: 500, maxFramePayloadBytes: 500, slowReaderMs: 5000 });
    const { code, hostToken } = registry.createSession();
    const host = open({ type: 'host', session: code, token: hostToken });
    const [drains, stuck] = [open({ type: 'join', session: code }), open({ type: 'join', session: code })];
    drains.conn.queuedBytes = stuck.conn.queuedBytes = 990;
    host.say({ type: 'node', to: 'm1', body: { x: 1 } });
    host.say({ type: 'node', to: 'm2', body: { x: 2 } });
    expect(drains.conn.sent.filter((m) => m.type === 'node')).toEqual([]);
    expect(host.conn.sent.filter((m) => m.type === 'dropped')).toEqual([
      { type: 'dropped', of: 'node', to: 'm1', reason: 'the destination is not reading fast enough' },
      { type: 'dropped', of: 'node', to: 'm2', reason: 'the destination is not reading fast enough' },
    ]);
    clock.ms = 3000;
    drains.conn.queuedBytes = 400;
    registry.sweep();
    clock.ms = 5001;
    registry.sweep();
    expect(stuck.conn.closedWith).toBe('terminated');
    expect(drains.conn.closedWith).toBeNull();
    expect(host.conn.sent.at(-1)).toEqual({ type: 'left', member: 'm2', reason: 'slow' });
    host.say({ type: 'node', to: 'm1', body: { x: 3 } });
    expect(drains.conn.sent.at(-1)).toEqual({ type: 'node', from: 'host', body: { x: 3 } });
  });
});
