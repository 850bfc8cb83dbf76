/** Test fixture: main-thread handle on a bare stage worker (the product's node worker is src/workers/node-worker.ts). */
import * as Comlink from 'comlink';
import type { StageWorkerApi } from './stage-worker';

export interface StageWorker {
  api: Comlink.Remote<StageWorkerApi>;
  terminate(): void;
}

export function startStageWorker(name: string): StageWorker {
  const worker = new Worker(new URL('./stage-worker.ts', import.meta.url), { type: 'module', name });
  return { api: Comlink.wrap<StageWorkerApi>(worker), terminate: () => worker.terminate() };
}
