import * as Comlink from 'comlink';
import type { NodeApi } from './protocol';
import type { SpawnNode } from './spawn';

export const spawnBrowserNode: SpawnNode = (name) => {
  const worker = new Worker(new URL('./node-worker.ts', import.meta.url), { type: 'module', name });
  return { api: Comlink.wrap<NodeApi>(worker), terminate: () => worker.terminate() };
};
