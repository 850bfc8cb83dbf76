/**
 * A member's compute in a Node worker thread (the headless `seifer-lab node`): onnxruntime-web runs off the main
 * thread, so the member keeps answering heartbeats and moving tensors while a stage runs. Tensors and model bytes
 * are transferred, not copied.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { StageCompute } from '../devices/types';
import type { TensorValue } from '../model/ort-run';
import type { OrtStageCompute } from './stage-compute';

export function spawnComputeThread(name = 'seifer-lab compute'): StageCompute {
  const entry = new URL('./compute-worker-node.ts', import.meta.url).href;
  const worker = new Worker(new URL('./node-boot.mjs', import.meta.url), { workerData: { entry }, name });
  worker.on('error', () => undefined);
  const api = Comlink.wrap<OrtStageCompute>(nodeEndpoint(worker));
  const buffers = (tensors: TensorValue[]) => tensors.map((t) => t.data.buffer as ArrayBuffer);
  return {
    load: (bytes, label) => api.load(Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]), label),
    run: (handle, inputs) => api.run(handle, Comlink.transfer(inputs, buffers(inputs))),
    release: (handle) => api.release(handle),
    dispose: () => void worker.terminate(),
  };
}
