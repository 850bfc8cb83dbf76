/**
 * Attacks on the session service of startLabServer: a real server on 127.0.0.1 and real `ws` clients. Each attack
 * is refused (connection closed with its code, or the message dropped) and the session goes on: the host and the
 * other members still exchange messages afterwards.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { CLOSE } from '../../src/session/close-codes';
import { encodeFrame } from '../../src/session/frames';
import { expectExchange, hostWithMembers, idOf, joinSession, SessionClient, startTestServer } from '../helpers/session-client';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
const running: TestServer[] = [];
const clients: SessionClient[] = [];

async function server(limits: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(limits);
  running.push(s);
  return s;
}

async function session(s: TestServer, members: number) {
  const opened = await hostWithMembers(s, members);
  clients.push(opened.host, ...opened.members);
  return opened;
}

async function connect(s: TestServer): Promise<SessionClient> {
  const c = await SessionClient.connect(s.sessionUrl);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of running.splice(0)) await s.close();
});

describe('startLabServer session service: refusals', () => {
  test('a wrong code and a guessed well-formed code are refused with 4004; the session goes on', async () => {
    const s = await server();
    const { host, members } = await session(s, 1);
    for (const code of ['nope', 'AAAA-AAAA-AAAA-AAAA', s.defaultSession!.code.replace(/.$/, (c) => (c === '0' ? '1' : '0'))]) {
      const guess = await connect(s);
      guess.send({ type: 'join', session: code });
      expect((await guess.closedWithin()).code).toBe(CLOSE.notRecognised.code);
    }
    const thief = await connect(s);
    thief.send({ type: 'host', session: s.defaultSession!.code, token: 'A'.repeat(22) });
    expect((await thief.closedWithin()).code).toBe(CLOSE.notRecognised.code);
    await expectExchange(host, members[0]);
  });

  test('a text message over the text cap is closed with 4011, one over maxPayload with 1009', async () => {
    const s = await server({ limits: { maxTextBytes: 4096, maxFramePayloadBytes: 16_384 } });
    const { host, members } = await session(s, 2);
    members[0].send({ type: 'node', to: 'host', body: { pad: 'x'.repeat(5000) } });
    expect(await members[0].closedWithin()).toMatchObject({ code: CLOSE.tooLarge.code });
    members[1].ws.send(Buffer.alloc(64 * 1024, 1), { binary: true });
    expect((await members[1].closedWithin()).code).toBe(1009);
    await host.next('left', (m) => m.member === idOf(members[0]) && m.reason === 'abuse');
    await host.next('left', (m) => m.member === idOf(members[1]));
    await expectExchange(host, await joinSession(s, s.defaultSession!.code));
  });

  test('malformed JSON, an unknown type and extra keys are closed with 4010', async () => {
    const s = await server();
    const { host, members } = await session(s, 4);
    members[0].ws.send('{"type": "node", "to": "host", "body": {');
    members[1].send({ type: 'shell', command: 'rm -rf /' });
    members[2].send({ type: 'node', to: 'host', body: {}, admin: true });
    members[3].send({ type: 'join', session: s.defaultSession!.code });
    for (const m of members.slice(0, 4)) expect((await m.closedWithin()).code).toBe(CLOSE.badMessage.code);
    const stranger = await connect(s);
    stranger.send({ type: 'join', session: s.defaultSession!.code, label: 'phone\u202Eevil' });
    expect((await stranger.closedWithin()).code).toBe(CLOSE.badMessage.code);
    const deep = await joinSession(s, s.defaultSession!.code);
    let body: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) body = { nested: body };
    deep.send({ type: 'node', to: 'host', body });
    expect((await deep.closedWithin()).code).toBe(CLOSE.badMessage.code);
    const fresh = await joinSession(s, s.defaultSession!.code);
    clients.push(fresh);
    await expectExchange(host, fresh);
  });

  test('a member cannot speak as another: a sent `from` closes it, and relayed messages and frames carry the real sender', async () => {
    const s = await server();
    const { host, members } = await session(s, 3);
    const [m1, m2, m3] = members.map(idOf);
    members[0].send({ type: 'node', to: 'host', from: m2, body: { result: 'forged' } });
    expect((await members[0].closedWithin()).code).toBe(CLOSE.badMessage.code);
    members[1].send({ type: 'signal', to: m3, data: { description: { type: 'offer', sdp: 'v=0' } } });
    expect((await members[2].next('signal')).from).toBe(m2);
    members[1].ws.send(encodeFrame('host', new Uint8Array([7, 7, 7])), { binary: true });
    await host.until(() => host.frames.length === 1, 'a frame');
    expect([...host.frames[0]]).toEqual([...encodeFrame(m2, new Uint8Array([7, 7, 7]))]);
    expect(host.messages.some((m) => m.type === 'node' && m.from === m1)).toBe(false);
    await expectExchange(host, members[2]);
  });

  test('a flood of messages is closed with 4008 and reported to the host as abuse', async () => {
    const s = await server();
    const { host, members } = await session(s, 2);
    const started = Date.now();
    for (let i = 0; i < 5000 && members[0].ws.readyState === members[0].ws.OPEN; i++) members[0].send({ type: 'node', to: 'host', body: { i } });
    expect((await members[0].closedWithin()).code).toBe(CLOSE.rateLimited.code);
    const elapsedSec = (Date.now() - started) / 1000;
    await host.next('left', (m) => m.member === idOf(members[0]) && m.reason === 'abuse');
    const relayed = host.messages.filter((m) => m.type === 'node' && m.from === idOf(members[0])).length;
    const { messageBurst, messagesPerSec } = s.registry.limits;
    expect(relayed).toBeGreaterThanOrEqual(messageBurst - 1);
    expect(relayed).toBeLessThanOrEqual(messageBurst + messagesPerSec * elapsedSec);
    await expectExchange(host, members[1]);
  });

  test('a slow reader that never reads: relayed frames past the buffered-bytes cap are dropped, then it is closed and the host told', async () => {
    const s = await server({ limits: { maxBufferedBytes: 256 * 1024, maxFramePayloadBytes: 64 * 1024, slowReaderMs: 500, bytesPerSec: 1024 * 2 ** 20, byteBurst: 1024 * 2 ** 20 } });
    const { host, members } = await session(s, 2);
    const slow = idOf(members[0]);
    (members[0].ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const chunk = new Uint8Array(64 * 1024);
    const gone = () => host.messages.some((m) => m.type === 'left' && m.member === slow);
    for (let sent = 0; !gone() && sent < 1000; sent++) {
      host.ws.send(encodeFrame(slow, chunk), { binary: true });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await host.next('dropped', (m) => m.to === slow && m.of === 'frame')).toMatchObject({ reason: 'the destination is not reading fast enough' });
    expect((await host.next('left', (m) => m.member === slow)).reason).toBe('slow');
    await expectExchange(host, members[1]);
  });

  test('joins past the member cap are refused with 4006; a member that left and returns is a new member', async () => {
    const s = await server({ limits: { maxMembersPerSession: 3 } });
    const { host, members } = await session(s, 3);
    const extra = await connect(s);
    extra.send({ type: 'join', session: s.defaultSession!.code });
    expect((await extra.closedWithin()).code).toBe(CLOSE.sessionFull.code);
    members[0].send({ type: 'leave' });
    expect((await members[0].closedWithin()).code).toBe(1000);
    await host.next('left', (m) => m.member === 'm1' && m.reason === 'leave');
    const back = await joinSession(s, s.defaultSession!.code);
    clients.push(back);
    expect(idOf(back)).toBe('m4');
    await expectExchange(host, back);
  });

  test('a binary frame addressed outside the session is dropped; a broken frame header is closed with 4012', async () => {
    const s = await server();
    const a = await session(s, 1);
    const other = await connect(s);
    other.send({ type: 'open' });
    const opened = await other.next('welcome');
    const b = [await joinSession(s, opened.session), await joinSession(s, opened.session)];
    clients.push(...b);
    a.members[0].ws.send(encodeFrame('m2', new Uint8Array([1, 2, 3])), { binary: true });
    const dropped = await a.members[0].next('dropped');
    expect(dropped).toMatchObject({ of: 'frame', to: 'm2' });
    a.members[0].send({ type: 'signal', to: 'm2', data: { candidate: null } });
    await a.members[0].next('dropped', (m) => m.of === 'signal');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(b[1].frames).toHaveLength(0);
    expect(b[1].messages.filter((m) => m.type !== 'welcome')).toHaveLength(0);
    a.members[0].ws.send(new Uint8Array([1, 5, 0x6d]), { binary: true });
    expect((await a.members[0].closedWithin()).code).toBe(CLOSE.badFrame.code);
    await expectExchange(other, b[1]);
    await expectExchange(a.host, await joinSession(s, s.defaultSession!.code));
  });
});

describe('startLabServer session service: roles and lifetimes', () => {
  test('only the host may kick or end; a kicked member is closed with 4003 and the host told', async () => {
    const s = await server();
    const { host, members } = await session(s, 3);
    members[0].send({ type: 'kick', member: idOf(members[1]) });
    expect((await members[0].closedWithin()).code).toBe(CLOSE.badMessage.code);
    host.send({ type: 'kick', member: idOf(members[1]) });
    expect((await members[1].closedWithin()).code).toBe(CLOSE.kicked.code);
    await host.next('left', (m) => m.member === idOf(members[1]) && m.reason === 'kicked');
    members[2].send({ type: 'node', to: 'm1', body: {} });
    await members[2].next('dropped', (m) => m.of === 'node');
    await expectExchange(host, members[2]);
    host.send({ type: 'end' });
    expect((await members[2].closedWithin()).code).toBe(CLOSE.sessionEnded.code);
  });

  test('a closed member socket is reported to the host at once; a silent connection is closed after the hello timeout', async () => {
    const s = await server({ limits: { helloTimeoutMs: 300 } });
    const { host, members } = await session(s, 2);
    const started = Date.now();
    members[0].close();
    await host.next('left', (m) => m.member === idOf(members[0]) && m.reason === 'closed', 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    const silent = await connect(s);
    expect((await silent.closedWithin(3000)).code).toBe(CLOSE.helloTimeout.code);
    await expectExchange(host, members[1]);
  });

  test('sessions past the cap are refused with 4007; a member attaches a data connection with its token only', async () => {
    const s = await server({ limits: { maxSessions: 2 } });
    const { host, members } = await session(s, 1);
    const second = await connect(s);
    second.send({ type: 'open' });
    await second.next('welcome');
    const third = await connect(s);
    third.send({ type: 'open' });
    expect((await third.closedWithin()).code).toBe(CLOSE.serverFull.code);
    const welcome = await members[0].next('welcome');
    const forged = await connect(s);
    forged.send({ type: 'attach', session: welcome.session, peer: welcome.you, token: welcome.token.split('').reverse().join('') });
    expect((await forged.closedWithin()).code).toBe(CLOSE.notRecognised.code);
    const data = await connect(s);
    data.send({ type: 'attach', session: welcome.session, peer: welcome.you, token: welcome.token });
    await data.next('attached');
    host.ws.send(encodeFrame(welcome.you, new Uint8Array([42])), { binary: true });
    await data.until(() => data.frames.length === 1, 'a frame on the data connection');
    expect(members[0].frames).toHaveLength(0);
    await expectExchange(host, members[0]);
  });

  test('an upgrade on another path is refused', async () => {
    const s = await server();
    await expect(SessionClient.connect(s.sessionUrl.replace('/session', '/other'))).rejects.toThrow(/404/);
  });
});
