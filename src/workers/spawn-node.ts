/** Node.js: one worker thread per emulated node, running the TypeScript entry through tsx, all sharing one compiled onnxruntime wasm. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { NodeApi } from './protocol';
import { once, type SpawnNode } from './spawn';

const require = createRequire(import.meta.url);

export const spawnThreadNode: SpawnNode = Object.assign(
  (name: string) => {
    const entry = new URL('./node-worker-node.ts', import.meta.url).href;
    const worker = new Worker(new URL('./node-boot.mjs', import.meta.url), { workerData: { entry }, name });
    // a worker that dies on its own (out of memory, a crash in wasm) must not take the process with it
    worker.on('error', () => undefined);
    return { api: Comlink.wrap<NodeApi>(nodeEndpoint(worker)), terminate: () => void worker.terminate() };
  },
  { compiledWasm: once(async () => WebAssembly.compile(await readFile(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')))) },
);
