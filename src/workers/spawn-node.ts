/** Node.js: one worker thread per emulated node, running the TypeScript entry through tsx. */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { NodeApi } from './protocol';
import type { SpawnNode } from './spawn';

export const spawnThreadNode: SpawnNode = (name) => {
  const entry = new URL('./node-worker-node.ts', import.meta.url).href;
  const worker = new Worker(new URL('./node-boot.mjs', import.meta.url), { workerData: { entry }, name });
  // a worker that dies on its own (out of memory, a crash in wasm) must not take the process with it
  worker.on('error', () => undefined);
  return { api: Comlink.wrap<NodeApi>(nodeEndpoint(worker)), terminate: () => void worker.terminate() };
};
