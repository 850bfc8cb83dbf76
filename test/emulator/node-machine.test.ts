import { describe, expect, it } from 'vitest';
import { NodeMachine, type NodeAction } from '../../src/emulator/node-machine';
import { DISPATCHER, type StageDeployment } from '../../src/emulator/node-protocol';

const stage = (epoch: number, over: Partial<StageDeployment> = {}): StageDeployment => ({
  epoch,
  stageIndex: 0,
  firstBlock: 0,
  lastBlock: 2,
  next: 'n2',
  flops: 1e6,
  outBytes: 1000,
  keep: false,
  deployBytes: 5000,
  ...over,
});

/** The messages among the actions, with where each goes as `dest` (a message may have a `to` field of its own). */
const sends = (actions: NodeAction<string>[]) => actions.flatMap((a) => (a.kind === 'send' ? [{ dest: a.to, ...a.message }] : []));

/** A machine with `stage` loaded. */
function loaded(s = stage(1)): NodeMachine<string> {
  const m = new NodeMachine<string>('n1');
  m.handle({ kind: 'message', atMs: 0, from: DISPATCHER, message: { type: 'deploy', stage: s }, payload: 'model' });
  m.handle({ kind: 'loaded', atMs: 1, epoch: s.epoch });
  return m;
}

describe('NodeMachine.handle(input)', () => {
  it('starts with no stage: a ping gets a status of an empty node', () => {
    const m = new NodeMachine<string>('n1');
    const [pong] = sends(m.handle({ kind: 'message', atMs: 5, from: DISPATCHER, message: { type: 'ping', seq: 7 } }));
    expect(pong).toMatchObject({ dest: DISPATCHER, type: 'pong', seq: 7, status: { stageEpoch: -1, latestEpoch: -1, runs: 0, serviceMs: null, hop: null, busyMs: 0, queued: 0 } });
  });

  it('a deploy with a model asks the host to load it, and confirms once loaded', () => {
    const m = new NodeMachine<string>('n1');
    const actions = m.handle({ kind: 'message', atMs: 0, from: DISPATCHER, message: { type: 'deploy', stage: stage(1) }, payload: 'model' });
    expect(actions).toEqual([{ kind: 'load', stage: stage(1), model: 'model' }]);
    expect(sends(m.handle({ kind: 'loaded', atMs: 3, epoch: 1 }))).toEqual([{ dest: DISPATCHER, type: 'deployed', epoch: 1 }]);
  });

  it('a failed load is reported as deploy-failed', () => {
    const m = new NodeMachine<string>('n1');
    m.handle({ kind: 'message', atMs: 0, from: DISPATCHER, message: { type: 'deploy', stage: stage(1) } });
    expect(sends(m.handle({ kind: 'loaded', atMs: 3, epoch: 1, error: 'out of memory' }))).toEqual([{ dest: DISPATCHER, type: 'deploy-failed', epoch: 1, message: 'out of memory' }]);
  });

  it('refuses to keep blocks it does not hold', () => {
    const m = loaded(stage(1, { firstBlock: 0, lastBlock: 2 }));
    const out = sends(m.handle({ kind: 'message', atMs: 5, from: DISPATCHER, message: { type: 'deploy', stage: stage(2, { firstBlock: 3, lastBlock: 4, keep: true, deployBytes: 0 }) } }));
    expect(out).toEqual([{ dest: DISPATCHER, type: 'deploy-failed', epoch: 2, message: 'asked to keep blocks 3..4, which it does not hold' }]);
  });

  it('keeps the blocks it holds under a new epoch without loading anything', () => {
    const m = loaded();
    const actions = m.handle({ kind: 'message', atMs: 5, from: DISPATCHER, message: { type: 'deploy', stage: stage(2, { keep: true, deployBytes: 0, next: 'n3' }) } });
    expect(actions).toEqual([{ kind: 'send', to: DISPATCHER, message: { type: 'deployed', epoch: 2 } }]);
  });

  it('ignores a deploy of an older epoch than the stage it holds', () => {
    const m = loaded(stage(3));
    expect(m.handle({ kind: 'message', atMs: 5, from: DISPATCHER, message: { type: 'deploy', stage: stage(2) } })).toEqual([]);
  });

  it('queues a deploy that arrives while another loads, and runs it after', () => {
    const m = new NodeMachine<string>('n1');
    m.handle({ kind: 'message', atMs: 0, from: DISPATCHER, message: { type: 'deploy', stage: stage(1) }, payload: 'a' });
    expect(m.handle({ kind: 'message', atMs: 1, from: DISPATCHER, message: { type: 'deploy', stage: stage(2, { keep: true, deployBytes: 0 }) } })).toEqual([]);
    const after = m.handle({ kind: 'loaded', atMs: 2, epoch: 1 });
    expect(sends(after)).toEqual([
      { dest: DISPATCHER, type: 'deployed', epoch: 1 },
      { dest: DISPATCHER, type: 'deployed', epoch: 2 },
    ]);
  });

  it('computes one tensor at a time, in order, and sends each result on to the next node', () => {
    const m = loaded();
    const first = m.handle({ kind: 'message', atMs: 10, from: DISPATCHER, message: { type: 'tensor', epoch: 1, requestId: 0, bytes: 10 }, payload: 'x0' });
    expect(first).toEqual([{ kind: 'compute', token: 1, flops: 1e6, stage: stage(1), payload: 'x0' }]);
    expect(m.handle({ kind: 'message', atMs: 11, from: DISPATCHER, message: { type: 'tensor', epoch: 1, requestId: 1, bytes: 10 }, payload: 'x1' })).toEqual([]);
    const done = m.handle({ kind: 'computed', atMs: 12, token: 1, output: 'y0', deviceMs: 2, hostMs: 0.5 });
    expect(done).toEqual([
      { kind: 'send', to: 'n2', message: { type: 'tensor', epoch: 1, requestId: 0, bytes: 1000 }, payload: 'y0' },
      { kind: 'compute', token: 2, flops: 1e6, stage: stage(1), payload: 'x1' },
    ]);
  });

  it('drops tensors of any other epoch than the stage it holds', () => {
    const m = loaded(stage(2));
    expect(m.handle({ kind: 'message', atMs: 10, from: 'n0', message: { type: 'tensor', epoch: 1, requestId: 0, bytes: 10 } })).toEqual([]);
    expect(m.status(10).queued).toBe(0);
  });

  it('measures its stage (moving average of device time) and its outgoing hop, and resets both on a new stage', () => {
    const m = loaded();
    for (let k = 0; k < 3; k++) {
      m.handle({ kind: 'message', atMs: k, from: DISPATCHER, message: { type: 'tensor', epoch: 1, requestId: k, bytes: 10 } });
      m.handle({ kind: 'computed', atMs: k, token: k + 1, deviceMs: 10, hostMs: 0 });
      m.handle({ kind: 'delivered', atMs: k, to: 'n2', type: 'tensor', bytes: 1000, wireMs: 4 });
    }
    expect(m.status(5)).toMatchObject({ runs: 3, serviceMs: 10, busyMs: 30, hop: { to: 'n2', bytes: 1000, ms: 4, count: 3 } });
    m.handle({ kind: 'message', atMs: 6, from: DISPATCHER, message: { type: 'deploy', stage: stage(2, { keep: true, deployBytes: 0, next: 'n4' }) } });
    expect(m.status(6)).toMatchObject({ runs: 0, serviceMs: null, hop: null, stageEpoch: 2 });
  });

  it('says it is host-bound when the host took longer than the device would have', () => {
    const m = loaded();
    m.handle({ kind: 'message', atMs: 0, from: DISPATCHER, message: { type: 'tensor', epoch: 1, requestId: 0, bytes: 10 } });
    m.handle({ kind: 'computed', atMs: 100, token: 1, deviceMs: 10, hostMs: 50 });
    expect(m.status(100)).toMatchObject({ hostBound: true, slowestRunMs: 50, busyMs: 50 });
    expect(m.status(3000).hostBound).toBe(false);
  });

  it('probes a link: sends the data, times the echo, reports the round trip', () => {
    const m = new NodeMachine<string>('n1');
    expect(sends(m.handle({ kind: 'message', atMs: 100, from: DISPATCHER, message: { type: 'probe', seq: 4, to: 'n3', bytes: 2048 } }))).toEqual([
      { dest: 'n3', type: 'probe-data', seq: 4, bytes: 2048 },
    ]);
    expect(sends(m.handle({ kind: 'message', atMs: 130, from: 'n3', message: { type: 'probe-echo', seq: 4 } }))).toEqual([
      { dest: DISPATCHER, type: 'probe-result', seq: 4, to: 'n3', bytes: 2048, roundTripMs: 30 },
    ]);
  });

  it('echoes a probe it receives to its sender', () => {
    const m = new NodeMachine<string>('n3');
    expect(sends(m.handle({ kind: 'message', atMs: 0, from: 'n1', message: { type: 'probe-data', seq: 9, bytes: 10 } }))).toEqual([{ dest: 'n1', type: 'probe-echo', seq: 9 }]);
  });

  it('calibrates: a workload of the given FLOPs, reported with its device time', () => {
    const m = new NodeMachine<string>('n1');
    expect(m.handle({ kind: 'message', atMs: 0, from: DISPATCHER, message: { type: 'calibrate', seq: 2, flops: 5e7 } })).toEqual([
      { kind: 'compute', token: 1, flops: 5e7, stage: null, payload: undefined },
    ]);
    expect(sends(m.handle({ kind: 'computed', atMs: 50, token: 1, deviceMs: 50, hostMs: 0 }))).toEqual([{ dest: DISPATCHER, type: 'calibrated', seq: 2, flops: 5e7, ms: 50 }]);
  });

  it('reports a stalled link once until something arrives on it again, and a refused send', () => {
    const m = loaded();
    expect(sends(m.handle({ kind: 'stalled', atMs: 0, to: 'n2' }))).toEqual([{ dest: DISPATCHER, type: 'link-stalled', to: 'n2' }]);
    expect(m.handle({ kind: 'stalled', atMs: 1, to: 'n2' })).toEqual([]);
    m.handle({ kind: 'delivered', atMs: 2, to: 'n2', type: 'tensor', bytes: 1, wireMs: 1 });
    expect(m.handle({ kind: 'stalled', atMs: 3, to: 'n2' })).toHaveLength(1);
    expect(m.handle({ kind: 'send-failed', atMs: 4, to: 'n2' })).toEqual([{ kind: 'send', to: DISPATCHER, message: { type: 'send-failed', to: 'n2' } }]);
  });
});
