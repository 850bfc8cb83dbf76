/** Browsers: one module Web Worker per emulated node, all sharing one compiled onnxruntime wasm. */
import * as Comlink from 'comlink';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { NodeApi } from './protocol';
import { once, type SpawnNode } from './spawn';

export const spawnBrowserNode: SpawnNode = Object.assign(
  (name: string) => {
    const worker = new Worker(new URL('./node-worker.ts', import.meta.url), { type: 'module', name });
    return { api: Comlink.wrap<NodeApi>(worker), terminate: () => worker.terminate() };
  },
  { compiledWasm: once(() => WebAssembly.compileStreaming(fetch(ortWasmUrl))) },
);
