/** Starting a node worker: a module Web Worker in browsers, a worker thread in Node; the same NodeApi either way. */
import type { RemoteNode } from './node-api';

export interface SpawnedNode {
  api: RemoteNode;
  terminate(): void;
}

export interface SpawnNode {
  (name: string): SpawnedNode;
  /** onnxruntime's wasm compiled once, for every node started here (see src/model/ort-wasm.ts); null: each compiles its own. */
  compiledWasm?: () => Promise<WebAssembly.Module | null>;
}

/** Memoises a compilation: the first caller starts it, every later one shares it; a failure means "compile your own". */
export function once(compile: () => Promise<WebAssembly.Module>): () => Promise<WebAssembly.Module | null> {
  let result: Promise<WebAssembly.Module | null> | null = null;
  return () => (result ??= compile().catch(() => null));
}
