// Test harness: runs stage bytes given by the test inside a real module Web Worker and returns the outputs.
import { startStageWorker } from './stage-client';
import type { TensorValue } from '../../../src/model/ort-run';

declare global {
  interface Window {
    runStageInWorker(stageBase64: string, feeds: Record<string, { dims: number[]; values: number[] }>): Promise<Record<string, { dims: number[]; values: number[] }>>;
    harnessReady: boolean;
  }
}

window.runStageInWorker = async (stageBase64, feeds) => {
  const bytes = Uint8Array.from(atob(stageBase64), (c) => c.charCodeAt(0));
  const worker = startStageWorker('harness-stage');
  try {
    await worker.api.load(bytes);
    const tensorFeeds: Record<string, TensorValue> = {};
    for (const [name, f] of Object.entries(feeds)) tensorFeeds[name] = { dtype: 'float32', dims: f.dims, data: Float32Array.from(f.values) };
    const out = await worker.api.run(tensorFeeds);
    const result: Record<string, { dims: number[]; values: number[] }> = {};
    for (const [name, t] of Object.entries(out)) result[name] = { dims: t.dims, values: Array.from(t.data as Float32Array) };
    return result;
  } finally {
    worker.terminate();
  }
};
window.harnessReady = true;
