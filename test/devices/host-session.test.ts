/**
 * HostSession and MemberClient against the real server on 127.0.0.1, with raw `ws` peers playing members that lie:
 * reports of the wrong shape, answers to questions nobody asked, garbage frames, another member's id, a deploy sent
 * member to member. Each is dropped (or its connection closed by the server) and the session goes on. Also: what a
 * host sees of a member, kill through the backend, and clear errors for a bad server address.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { HostSession } from '../../src/devices/host-session';
import { MemberClient } from '../../src/devices/member-client';
import type { SocketLike, StageCompute } from '../../src/devices/types';
import { chunk, encodeEnvelope } from '../../src/devices/wire';
import type { TransportEvent } from '../../src/emulator/backend';
import { CLOSE } from '../../src/session/close-codes';
import { encodeFrame } from '../../src/session/frames';
import { OrtStageCompute } from '../../src/workers/stage-compute';
import { joinSession, SessionClient, startTestServer } from '../helpers/session-client';

const socket = (url: string) => new WebSocket(url, { perMessageDeflate: false }) as unknown as SocketLike;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const server = await startTestServer();
  cleanups.push(() => server.close());
  const host = await HostSession.open(server.httpUrl, { socket });
  cleanups.push(() => host.close());
  const code = new URL(host.joinUrl).hash.slice('#join='.length);
  return { server, host, code };
}

async function until(what: string, test: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function raw(client: SessionClient): SessionClient {
  cleanups.push(() => client.close());
  return client;
}

describe('HostSession', () => {
  test('says whether it closed itself or the lab server went away', async () => {
    const { server, host } = await setup();
    expect(host.closedBy).toBeNull();
    let changed = false;
    host.onChange(() => (changed = true));
    await server.close();
    await until('the session to notice the server went away', () => host.closedBy !== null);
    expect(host.closedBy).toBe('server');
    expect(changed).toBe(true);
    host.close(); // closing afterwards changes nothing
    expect(host.closedBy).toBe('server');
    const other = await setup();
    other.host.close();
    expect(other.host.closedBy).toBe('host');
  });

  test('opens a session with an unguessable code and shows members as they describe themselves', async () => {
    const { server, host, code } = await setup();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    let changes = 0;
    host.onChange(() => changes++);
    raw(await joinSession(server, code, { label: 'Pixel 7', cores: 8, memoryGiB: 4, device: 'browser' }));
    raw(await joinSession(server, code, { label: 'pi-kitchen', device: 'node' }));
    await until('two members', () => host.members().length === 2);
    expect(host.members()).toEqual([
      { id: 'm1', label: 'Pixel 7', kind: 'browser', cores: 8, memoryBytes: 4 * 2 ** 30, state: 'joined' },
      { id: 'm2', label: 'pi-kitchen', kind: 'node', cores: 1, memoryBytes: null, state: 'joined' },
    ]);
    expect(changes).toBeGreaterThanOrEqual(2);
  });

  test('members confirming the newest plan serve; one left out of it is ready again', async () => {
    const { server, host, code } = await setup();
    const [a, b] = [raw(await joinSession(server, code)), raw(await joinSession(server, code))];
    await until('two members', () => host.members().length === 2);
    const state = () => host.members().map((m) => `${m.id} ${m.state}`);
    a.send({ type: 'node', to: 'host', body: { p: { type: 'deployed', epoch: 1 } } });
    b.send({ type: 'node', to: 'host', body: { p: { type: 'deployed', epoch: 1 } } });
    await until('both serving', () => state().join() === 'm1 serving,m2 serving');
    b.send({ type: 'node', to: 'host', body: { p: { type: 'deployed', epoch: 2 } } });
    await until('m1 out of the plan', () => state().join() === 'm1 ready,m2 serving');
  });

  test('a join that says it is some other kind of device is refused by the server (4010)', async () => {
    const { server, code } = await setup();
    const liar = raw(await SessionClient.connect(server.sessionUrl));
    liar.send({ type: 'join', session: code, device: 'toaster' });
    expect((await liar.closedWithin()).code).toBe(CLOSE.badMessage.code);
  });

  test('lies from a member are dropped: bad reports, unasked answers, garbage frames; a claimed id closes it', async () => {
    const { server, host, code } = await setup();
    const backend = host.backend({ stages: { model: async () => new Uint8Array(0) }, inputs: [[]] });
    const events: TransportEvent[] = [];
    backend.listen((e) => events.push(e));
    const liar = raw(await joinSession(server, code));
    const honest = raw(await joinSession(server, code));
    await until('two members', () => host.members().length === 2);
    liar.send({ type: 'node', to: 'host', body: { p: { type: 'tensor', epoch: 'x', requestId: 1, bytes: 1 } } });
    liar.send({ type: 'node', to: 'host', body: { p: { type: 'deploy', stage: {} } } });
    liar.send({ type: 'node', to: 'host', body: { p: { type: 'probe-result', seq: 1_000_000_000, to: 'm2', bytes: 1, roundTripMs: 1 } } });
    liar.send({ type: 'node', to: 'host', body: { d: 'calibrated-blocks', seq: 1_000_000_000, msPerBlock: [[1]] } });
    liar.ws.send(encodeFrame('host', new Uint8Array([2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 255])), { binary: true });
    liar.ws.send(encodeFrame('host', chunk(1, encodeEnvelope({ header: { p: { type: 'tensor', epoch: 1, requestId: -5, bytes: 0 } }, parts: [] }), 1024)[0]), { binary: true });
    // a valid report arrives, stamped with the honest member's id
    honest.send({ type: 'node', to: 'host', body: { p: { type: 'error', message: 'hello from m2' } } });
    await until('the honest report', () => events.some((e) => e.kind === 'message' && e.from === 'm2'));
    // only well-formed reports reach the dispatcher (an unasked probe result is one: the dispatcher ignores unknown seqs)
    expect(events.map((e) => (e.kind === 'message' ? `${e.from} ${e.message.type}` : e.kind))).toEqual(['m1 probe-result', 'm2 error']);
    // claiming another member's id is a bad message: the server closes the liar, the host sees it go
    liar.send({ type: 'node', to: 'host', from: 'm2', body: { p: { type: 'error', message: 'I am m2' } } });
    expect((await liar.closedWithin()).code).toBe(CLOSE.badMessage.code);
    await until('the liar gone', () => host.members().find((m) => m.id === 'm1')?.state === 'gone');
    expect(events.filter((e) => e.kind === 'message')).toHaveLength(2);
    expect(host.members().find((m) => m.id === 'm2')?.state).toBe('joined');
  });

  test('kill removes the member from the session for real; sends to it then fail, as a socket would show', async () => {
    const { server, host, code } = await setup();
    const member = raw(await joinSession(server, code));
    await until('a member', () => host.members().length === 1);
    const backend = host.backend({ stages: { model: async () => new Uint8Array(0) }, inputs: [[]] });
    const events: TransportEvent[] = [];
    backend.listen((e) => events.push(e));
    backend.kill('m1');
    expect((await member.closedWithin()).code).toBe(CLOSE.kicked.code);
    await until('the member gone', () => host.members()[0].state === 'gone');
    backend.send('m1', { type: 'ping', seq: 1 });
    await until('a failed send', () => events.some((e) => e.kind === 'send-failed' && e.to === 'm1'));
    expect(() => backend.revive('m1')).toThrow(/joins as a new node/);
  });

  test('slowing a device and changing, cutting or dropping on a link reach the sender of the link as emulation', async () => {
    const { server, host, code } = await setup();
    const member = raw(await joinSession(server, code));
    await until('a member', () => host.members().length === 1);
    const backend = host.backend({ stages: { model: async () => new Uint8Array(0) }, inputs: [[]] });
    backend.setNodeSpeed('m1', 2);
    backend.setLink('m1', 'dispatcher', { bandwidthMbps: 5 });
    backend.setLinkUp('m1', 'dispatcher', false);
    backend.dropMessages('m1', 'dispatcher', 3);
    expect(() => backend.setNodeSpeed('m1', 0)).toThrow(RangeError);
    const bodies = async (n: number) => {
      await until(`${n} emulation messages`, () => member.messages.filter((m) => m.type === 'node' && (m.body as { d?: string }).d !== 'peers').length >= n);
      return member.messages.filter((m) => m.type === 'node' && (m.body as { d?: string }).d !== 'peers').map((m) => (m as { body: unknown }).body);
    };
    expect(await bodies(4)).toEqual([
      { d: 'speed', gflops: 2 },
      { d: 'link', to: 'dispatcher', change: { bandwidthMbps: 5 } },
      { d: 'link', to: 'dispatcher', change: { isUp: false } },
      { d: 'link', to: 'dispatcher', change: { drop: 3 } },
    ]);
  });

  test('a bad address or no server there: one clear sentence', async () => {
    await expect(HostSession.open('not a url', { socket })).rejects.toThrow(/not a URL.*http:\/\/127\.0\.0\.1:8080/);
    await expect(HostSession.open('http://127.0.0.1:1', { socket })).rejects.toThrow(/cannot reach the lab server at ws:\/\/127\.0\.0\.1:1\/session/);
  });
});

describe('MemberClient', () => {
  test('joins with its description, ignores a deploy sent by another member, and leaves cleanly', async () => {
    const { server, host, code } = await setup();
    const loads: string[] = [];
    const ort = new OrtStageCompute();
    const compute: StageCompute = {
      ...ort,
      load: (bytes, label) => (loads.push(label), ort.load(bytes, label)),
      run: (h, i) => ort.run(h, i),
      release: (h) => ort.release(h),
      dispose: () => ort.dispose(),
    };
    const other = raw(await joinSession(server, code));
    const member = await MemberClient.join(host.joinUrl, { name: 'laptop', compute, device: 'browser', cores: 4, memoryBytes: 8 * 2 ** 30, socket, peerConnection: null });
    cleanups.push(() => member.leave());
    expect(member.state()).toMatchObject({ nodeId: 'm2', status: 'idle', stage: null, results: 0 });
    await until('the member at the host', () => host.members().some((m) => m.id === 'm2' && m.label === 'laptop' && m.memoryBytes === 8 * 2 ** 30));
    // the host told it who else is here; without WebRTC its path to them is the relay
    await until('its paths', () => member.state().paths.m1 === 'relay');
    const stage = { epoch: 1, stageIndex: 0, firstBlock: 0, lastBlock: 0, next: 'dispatcher', flops: 1, outBytes: 1, keep: false, deployBytes: 4 };
    other.ws.send(encodeFrame('m2', chunk(1, encodeEnvelope({ header: { p: { type: 'deploy', stage } }, parts: [new Uint8Array([1, 2, 3, 4])] }), 1024)[0]), { binary: true });
    other.ws.send(encodeFrame('m2', new Uint8Array([7, 7, 7])), { binary: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(loads).toEqual([]);
    expect(member.state().status).toBe('idle');
    member.leave();
    expect(member.state().status).toBe('left');
    await until('the host sees it leave', () => host.members().find((m) => m.id === 'm2')?.state === 'gone');
  });

  test('a bad join link, a wrong code: one clear sentence', async () => {
    const { server } = await setup();
    const compute = new OrtStageCompute();
    await expect(MemberClient.join('http://127.0.0.1/', { compute, socket })).rejects.toThrow(/not a join link/);
    await expect(MemberClient.join(`${server.httpUrl}/#join=7QK2-M9XD-4HRT-0BWE`, { compute, socket })).rejects.toThrow(/knows no session with this code/);
  });
});
