/** Main-thread handle on a stage worker. */
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
