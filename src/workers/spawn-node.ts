/**
 * Node.js: one worker thread per emulated node, all sharing one compiled onnxruntime wasm. The worker's
 * TypeScript entry is bundled once per process into one ES module (esbuild, about 0.1 s) that every worker
 * loads as plain JavaScript: through tsx, each worker would register its own loader and transform the same
 * sources again (about 0.3 s of CPU and 30 MB each; 32 nodes took 13 s to start, bundled 2.5 s). Where the
 * bundle cannot be written, workers fall back to tsx. See docs/design.md, "Fast start for real nodes".
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { buildSync } from 'esbuild';
import type { NodeApi } from './protocol';
import { once, type SpawnNode } from './spawn';

const require = createRequire(import.meta.url);

/** The entry's TypeScript source, and where bundles go: inside node_modules, so that onnxruntime-web (left out of the bundle: it finds its own files next to it) resolves. */
const ENTRY = new URL('./node-worker-node.ts', import.meta.url);
const BUNDLE_DIR = new URL('../../node_modules/.cache/seifer-lab/', import.meta.url);

let bundled: URL | null | undefined;

/** The bundled entry (written once per content, named by its hash, so concurrent processes agree), or null. */
function bundledEntry(): URL | null {
  if (bundled !== undefined) return bundled;
  try {
    const result = buildSync({
      entryPoints: [fileURLToPath(ENTRY)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      external: ['onnxruntime-web', 'onnxruntime-web/*'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].contents;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const file = new URL(`node-worker-${hash}.mjs`, BUNDLE_DIR);
    if (!existsSync(file)) {
      mkdirSync(BUNDLE_DIR, { recursive: true });
      const partial = new URL(`node-worker-${hash}.${process.pid}.tmp`, BUNDLE_DIR);
      writeFileSync(partial, code);
      renameSync(partial, file);
    }
    bundled = file;
  } catch {
    bundled = null;
  }
  return bundled;
}

/** Starts one node's worker: the bundle when there is one, else the TypeScript entry through tsx. */
function startWorker(name: string): Worker {
  const entry = bundledEntry();
  if (entry) return new Worker(entry, { name });
  return new Worker(new URL('./node-boot.mjs', import.meta.url), { workerData: { entry: ENTRY.href }, name });
}

export const spawnThreadNode: SpawnNode = Object.assign(
  (name: string) => {
    const worker = startWorker(name);
    // a worker that dies on its own (out of memory, a crash in wasm) must not take the process with it
    worker.on('error', () => undefined);
    return { api: Comlink.wrap<NodeApi>(nodeEndpoint(worker)), terminate: () => void worker.terminate() };
  },
  { compiledWasm: once(async () => WebAssembly.compile(await readFile(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')))) },
);
