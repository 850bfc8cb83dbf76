/** The member page's StageCompute: onnxruntime-web in a module Web Worker (stage-compute-worker.ts), over comlink. */
import * as Comlink from 'comlink';
import type { StageCompute } from '../../devices/types';
import type { StageComputeApi } from './stage-compute-worker';

export function browserStageCompute(): StageCompute {
  const worker = new Worker(new URL('./stage-compute-worker.ts', import.meta.url), { type: 'module', name: 'stage-compute' });
  const api = Comlink.wrap<StageComputeApi>(worker);
  return {
    load: (bytes, label) => {
      // a copy moves to the worker: the caller may still hold the bytes (stage models are small next to the runtime)
      const copy = bytes.slice();
      return api.load(Comlink.transfer(copy, [copy.buffer]), label);
    },
    // inputs are copied, not transferred: the member may use them again (a calibration repeats its runs)
    run: (handle, inputs) => api.run(handle, inputs),
    release: (handle) => api.release(handle),
    dispose: () => worker.terminate(),
  };
}
