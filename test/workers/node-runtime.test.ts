import { describe, expect, it } from 'vitest';
import type { NodeReport, StageDeployment } from '../../src/emulator/node-protocol';
import { toWorld, uniformScenario } from '../../src/emulator/scenario';
import { analyzeModel, createSession, maxAbsDiff, type TensorValue } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { NodeRuntime } from '../../src/workers/node-runtime';
import { pooledInputs } from '../../src/workers/run-real';
import type { PortEnvelope } from '../../src/workers/protocol';
import { StageCache } from '../../src/workers/stage-cache';

/** A NodeRuntime in this thread, with the dispatcher's two ports: in (to the node) and out (from it). */
async function setup() {
  const analysis = await analyzeModel(buildTinyCnn(), { name: 'tiny', inputShape: [1, 3, 32, 32] });
  const scenario = uniformScenario(1, { memoryBytes: 2 ** 20, gflops: 1 }, { bandwidthMbps: 1000, latencyMs: 0, jitterMs: 0, lossRate: 0 });
  const world = toWorld(scenario);
  const runtime = new NodeRuntime();
  const reports: NodeReport[] = [];
  await runtime.start(
    { id: 'n1', gflops: 1, endpoints: ['n1', 'dispatcher'], links: world.links.filter((l) => l.from === 'n1'), radioMbps: null, seed: 1, timeScale: 1, stallMs: 750, wasm: null },
    (message) => reports.push(message),
  );
  const toNode = new MessageChannel();
  const fromNode = new MessageChannel();
  runtime.connectIn('dispatcher', toNode.port2);
  runtime.connectOut('dispatcher', fromNode.port1);
  const arrived: PortEnvelope[] = [];
  fromNode.port2.onmessage = (event: MessageEvent<PortEnvelope>) => arrived.push(event.data);
  const send = (envelope: PortEnvelope) => toNode.port1.postMessage(envelope);
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  };
  const close = () => {
    toNode.port1.close();
    fromNode.port2.close();
  };
  return { analysis, runtime, reports, arrived, send, until, close, stages: new StageCache(analysis) };
}

describe('NodeRuntime', () => {
  it('loads a stage sent with its model, runs a tensor through onnxruntime and sends the result on, equal to the stage run alone', async () => {
    const { analysis, runtime, reports, arrived, send, until, close, stages } = await setup();
    const last = analysis.blocks.length - 1;
    const stage: StageDeployment = { epoch: 1, stageIndex: 0, firstBlock: 0, lastBlock: last, next: 'dispatcher', flops: 1e3, outBytes: 40, keep: false, deployBytes: 1 };
    send({ from: 'dispatcher', message: { type: 'deploy', stage }, payload: stages.get(0, last).bytes.slice() });
    await until(() => reports.some((r) => r.type === 'deployed'));
    expect(reports).toContainEqual({ type: 'deployed', epoch: 1 });
    const [input] = pooledInputs(analysis, 1, 7);
    send({ from: 'dispatcher', message: { type: 'tensor', epoch: 1, requestId: 5, bytes: 1 }, payload: input });
    await until(() => arrived.length > 0);
    expect(arrived[0].message).toMatchObject({ type: 'tensor', epoch: 1, requestId: 5 });
    const whole = await createSession(stages.get(0, last).bytes, 'whole');
    const feeds: Record<string, TensorValue> = {};
    whole.inputNames.forEach((name, i) => (feeds[name] = input[i] as TensorValue));
    const want = await whole.run(feeds);
    expect(maxAbsDiff(want[whole.outputNames[0]], (arrived[0].payload as TensorValue[])[0])).toBeLessThanOrEqual(1e-5);
    runtime.receive({ type: 'ping', seq: 1 });
    const pong = reports.find((r) => r.type === 'pong');
    expect(pong && pong.type === 'pong' ? pong.status : null).toMatchObject({ stageEpoch: 1, runs: 1 });
    close();
  });

  it('says deploy-failed when the model bytes are not a model', async () => {
    const { reports, send, until, close } = await setup();
    const stage: StageDeployment = { epoch: 1, stageIndex: 0, firstBlock: 0, lastBlock: 1, next: 'dispatcher', flops: 1, outBytes: 1, keep: false, deployBytes: 4 };
    send({ from: 'dispatcher', message: { type: 'deploy', stage }, payload: new Uint8Array([1, 2, 3, 4]) });
    await until(() => reports.some((r) => r.type === 'deploy-failed'));
    const failed = reports.find((r) => r.type === 'deploy-failed');
    expect(failed).toMatchObject({ type: 'deploy-failed', epoch: 1 });
    close();
  });
});
