/**
 * A module Web Worker that runs one stage model with onnxruntime-web (wasm, one thread).
 * Control through comlink; tensors come back as transferred buffers.
 */
import * as Comlink from 'comlink';
import { createSession, type Session, type TensorValue } from '../../../src/model/ort-run';

let session: Session | undefined;

const api = {
  async load(bytes: Uint8Array, where = 'stage'): Promise<{ inputNames: string[]; outputNames: string[] }> {
    await session?.release();
    session = await createSession(bytes, where);
    return { inputNames: [...session.inputNames], outputNames: [...session.outputNames] };
  },
  async run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>> {
    if (!session) throw new Error('No stage loaded: call load(bytes) first');
    const outputs = await session.run(feeds);
    // ORT's output arrays may view its heap: copy once into buffers we own, then transfer them (no second copy)
    const owned: Record<string, TensorValue> = {};
    for (const [name, t] of Object.entries(outputs)) owned[name] = { ...t, data: t.data.slice() };
    return Comlink.transfer(
      owned,
      Object.values(owned).map((t) => t.data.buffer as ArrayBuffer),
    );
  },
};

export type StageWorkerApi = typeof api;

Comlink.expose(api);
