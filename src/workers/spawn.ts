/** Starting a node worker: a module Web Worker in browsers, a worker thread in Node; the same NodeApi either way. */
import type { RemoteNode } from './node-api';

export interface SpawnedNode {
  api: RemoteNode;
  terminate(): void;
}

export type SpawnNode = (name: string) => SpawnedNode;
