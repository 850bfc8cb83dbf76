/** Entry of the page's model worker: loading, profiling and reference runs off the main thread (comlink). */
import * as Comlink from 'comlink';
import { ModelService } from './model-service';

const service = new ModelService();

export const modelWorkerApi = {
  loadZoo: (name: string, seed: number, pageUrl: string, progress: (label: string, fraction: number) => void) => service.loadZoo(name, seed, pageUrl, progress),
  loadFile: (bytes: Uint8Array, fileName: string, inputShape: number[] | undefined, progress: (label: string, fraction: number) => void) => service.loadFile(bytes, fileName, inputShape, progress),
  reference: (inputs: Parameters<ModelService['reference']>[0], progress: (label: string, fraction: number) => void) => service.reference(inputs, progress),
  /** Stage model bytes, transferred (never copied) to the page, which hands them on to the node's worker. */
  stage: (firstBlock: number, lastBlock: number) => {
    const bytes = service.stage(firstBlock, lastBlock);
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  /** The whole model with its full analysis (weights included), for measuring real devices. */
  whole: () => {
    const whole = service.whole();
    return Comlink.transfer(whole, [whole.bytes.buffer]);
  },
};

export type ModelWorkerApi = typeof modelWorkerApi;

Comlink.expose(modelWorkerApi);
