/** Entry of the page's model worker: loading, profiling and reference runs off the main thread (comlink). */
import * as Comlink from 'comlink';
import { ModelService } from './model-service';

const service = new ModelService();

export const modelWorkerApi = {
  loadZoo: (name: string, seed: number, pageUrl: string, progress: (label: string, fraction: number) => void) => service.loadZoo(name, seed, pageUrl, progress),
  loadFile: (bytes: Uint8Array, fileName: string, inputShape: number[] | undefined, progress: (label: string, fraction: number) => void) =>
    service.loadFile(bytes, fileName, inputShape, progress),
  reference: (inputs: Parameters<ModelService['reference']>[0], progress: (label: string, fraction: number) => void) => service.reference(inputs, progress),
};

export type ModelWorkerApi = typeof modelWorkerApi;

Comlink.expose(modelWorkerApi);
