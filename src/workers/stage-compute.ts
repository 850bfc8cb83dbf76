/**
 * Stage compute with onnxruntime-web: load a stage model, run it on positional inputs (the stage's inputs in the
 * order the previous stage produced them, docs/design.md "Cut points"), copy the outputs out of onnxruntime's memory.
 * The emulated worker node (node-runtime.ts) runs stages with runStage; a real device's member (src/devices) uses
 * OrtStageCompute, inside a worker (compute-worker-node.ts, or a Web Worker on the member page).
 */
import type { StageCompute, StageRun } from '../devices/types';
import { createSession, type Session, type TensorValue } from '../model/ort-run';

/** Runs `session` on positional inputs; the outputs are copies the caller owns (and may transfer). */
export async function runStage(session: Session, inputs: readonly TensorValue[]): Promise<TensorValue[]> {
  const feeds: Record<string, TensorValue> = {};
  session.inputNames.forEach((name, i) => (feeds[name] = inputs[i]));
  const result = await session.run(feeds);
  return session.outputNames.map((name) => ({ dtype: result[name].dtype, dims: result[name].dims, data: result[name].data.slice() }));
}

/** StageCompute in this thread (put it in a worker: a run blocks the thread it runs on). */
export class OrtStageCompute implements StageCompute {
  private readonly sessions = new Map<number, Session>();
  private nextHandle = 1;

  async load(modelBytes: Uint8Array, label: string): Promise<number> {
    const session = await createSession(modelBytes, label);
    const handle = this.nextHandle++;
    this.sessions.set(handle, session);
    return handle;
  }

  async run(handle: number, inputs: TensorValue[]): Promise<StageRun> {
    const session = this.sessions.get(handle);
    if (!session) throw new Error(`no stage model is loaded under handle ${handle}`);
    const started = performance.now();
    const outputs = await runStage(session, inputs);
    return { outputs, ms: performance.now() - started };
  }

  async release(handle: number): Promise<void> {
    const session = this.sessions.get(handle);
    this.sessions.delete(handle);
    await session?.release();
  }

  dispose(): void {
    for (const handle of [...this.sessions.keys()]) void this.release(handle);
  }
}
