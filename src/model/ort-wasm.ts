/**
 * onnxruntime-web's wasm, compiled once and shared. Every node worker would otherwise compile its own copy of
 * the 14 MB module (0.3-4 s of CPU each, all at once when a cluster starts); a compiled WebAssembly.Module can
 * be posted to workers, and instantiating it takes milliseconds. onnxruntime has no option for a compiled
 * module, so a worker that was given one answers onnxruntime's instantiate call with it.
 */
import * as ort from 'onnxruntime-web/wasm';

/** An empty wasm module (magic and version only): what onnxruntime is given as its binary, and what we recognise. */
const PLACEHOLDER = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

let installed: WebAssembly.Module | null = null;

function isPlaceholder(source: unknown): boolean {
  if (!ArrayBuffer.isView(source) || source.byteLength !== PLACEHOLDER.length) return false;
  const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  return bytes.every((b, i) => b === PLACEHOLDER[i]);
}

/**
 * Makes onnxruntime in this thread instantiate `module` instead of compiling its own. Call before the first
 * session; later calls with another module are ignored (the runtime is already up).
 */
export function useCompiledOrtWasm(module: WebAssembly.Module): void {
  if (installed) return;
  if (!(module instanceof WebAssembly.Module)) throw new TypeError(`'module' must be a WebAssembly.Module, got ${typeof module}`);
  installed = module;
  const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (source: unknown, imports?: WebAssembly.Imports) => Promise<unknown>;
  (WebAssembly as { instantiate: unknown }).instantiate = async (source: unknown, imports?: WebAssembly.Imports) => {
    if (!isPlaceholder(source)) return instantiate(source, imports);
    const instance = (await instantiate(module, imports)) as WebAssembly.Instance;
    return { module, instance };
  };
  ort.env.wasm.wasmBinary = PLACEHOLDER;
}
