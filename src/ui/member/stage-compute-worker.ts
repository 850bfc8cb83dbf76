/**
 * Entry of a member page's compute worker: onnxruntime-web runs the stages this device serves (OrtStageCompute,
 * shared with the headless member), off the page's main thread so the page keeps answering and drawing.
 */
import * as Comlink from 'comlink';
import type { TensorValue } from '../../model/ort-run';
import { OrtStageCompute } from '../../workers/stage-compute';

const compute = new OrtStageCompute();

export const stageComputeApi = {
  load: (bytes: Uint8Array, label: string) => compute.load(bytes, label),
  async run(handle: number, inputs: TensorValue[]) {
    const run = await compute.run(handle, inputs);
    // the outputs are copies this worker owns: their buffers move to the page
    return Comlink.transfer(run, [...new Set(run.outputs.map((t) => t.data.buffer as ArrayBuffer))]);
  },
  release: (handle: number) => compute.release(handle),
};

export type StageComputeApi = typeof stageComputeApi;

Comlink.expose(stageComputeApi);
