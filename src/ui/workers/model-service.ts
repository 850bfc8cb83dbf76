/**
 * What the model worker does, off the page's main thread: fetch or generate a model, decode and profile it,
 * and run it whole on the request inputs (the reference outputs results are checked against).
 */
import { describeError, errors, SeiferError } from '../../errors';
import { analyzeModel, decodeModel, encodeModel, type ModelAnalysis, type TensorValue } from '../../model/index';
import { expectedOutputs } from '../../workers/run-real';
import { StageCache } from '../../workers/stage-cache';
import { weightless } from './weightless';
import { findZooEntry, zoo } from '../../model/zoo/index';
import type { WireTensor } from '../../workers/protocol';
import { fetchBytes } from './fetch-bytes';

export type Progress = (label: string, fraction: number) => void;

export type ModelResult = { ok: true; analysis: ModelAnalysis } | { ok: false; error: { code: string; message: string } };

/** 2 GB: the protobuf limit of an ONNX file without external data. */
export const MAX_MODEL_BYTES = 2 ** 31 - 1;

export class ModelService {
  private bytes: Uint8Array | null = null;
  private analysis: ModelAnalysis | null = null;
  private stages: StageCache | null = null;

  /** A zoo model: generated from its seed, or fetched from models/ next to the page (`pageUrl`). */
  async loadZoo(name: string, seed: number, pageUrl: string, progress: Progress): Promise<ModelResult> {
    return this.guard(async () => {
      const entry = findZooEntry(name);
      if (!entry)
        throw errors.noSuchModel(
          name,
          zoo.map((e) => e.name),
        );
      let bytes: Uint8Array;
      if (entry.kind === 'generated' && entry.build) {
        const model = entry.build({ seed, onProgress: (f) => progress(`generating ${entry.title}`, f * 0.9) });
        progress(`encoding ${entry.title}`, 0.95);
        bytes = encodeModel(model);
      } else {
        const url = new URL(`models/${entry.file}`, pageUrl);
        if (url.origin !== new URL(pageUrl).origin)
          throw errors.noSuchModel(
            url.href,
            zoo.map((e) => e.name),
          );
        bytes = await fetchBytes(url, (f) => progress(`loading ${entry.title}`, f));
      }
      return this.profile(bytes, entry.file ?? entry.name, entry.name, entry.inputShape, progress);
    });
  }

  /** A file the user dropped or picked. */
  async loadFile(bytes: Uint8Array, fileName: string, inputShape: number[] | undefined, progress: Progress): Promise<ModelResult> {
    return this.guard(async () => {
      if (!/\.onnx$/i.test(fileName)) throw errors.badModelFile(fileName, 'its name does not end in .onnx');
      if (bytes.byteLength > MAX_MODEL_BYTES) throw errors.badModelFile(fileName, `it has ${bytes.byteLength} bytes, more than an ONNX file can hold`);
      return this.profile(bytes, fileName, fileName.replace(/\.onnx$/i, ''), inputShape, progress);
    });
  }

  /** The stage model of blocks first..last, as a fresh buffer the caller may transfer. */
  stage(firstBlock: number, lastBlock: number): Uint8Array {
    if (!this.stages) throw new Error('stage() before a model was loaded');
    return this.stages.get(firstBlock, lastBlock).bytes.slice();
  }

  /** The whole model and its analysis with the weights (a device session slices its calibration blocks from them). */
  whole(): { bytes: Uint8Array; analysis: ModelAnalysis } {
    const { bytes, analysis } = this;
    if (!bytes || !analysis) throw new Error('whole() before a model was loaded');
    return { bytes: bytes.slice(), analysis };
  }

  /** The whole model's outputs for each input, in graph output order. */
  async reference(inputs: WireTensor[][], progress: Progress): Promise<TensorValue[][]> {
    const { bytes, analysis } = this;
    if (!bytes || !analysis) throw new Error('reference() before a model was loaded');
    return expectedOutputs(bytes, analysis, inputs, progress);
  }

  private async profile(bytes: Uint8Array, source: string, name: string, inputShape: number[] | undefined, progress: Progress): Promise<ModelResult> {
    progress(`decoding ${name}`, 0);
    const model = decodeModel(bytes, source);
    progress(`profiling ${name}`, 0.5);
    const analysis = await analyzeModel(model, { name, inputShape });
    progress(`profiling ${name}`, 1);
    this.bytes = bytes;
    this.analysis = analysis;
    this.stages = new StageCache(analysis);
    // the page gets the analysis without the weights' bytes: it plans and draws, this worker slices
    return { ok: true, analysis: weightless(analysis) };
  }

  private async guard(work: () => Promise<ModelResult>): Promise<ModelResult> {
    try {
      return await work();
    } catch (error) {
      // plain data across the worker boundary: a code and a message for a person, never a stack trace
      if (error instanceof SeiferError) return { ok: false, error: { code: error.code, message: error.message } };
      return { ok: false, error: { code: 'runtime-error', message: describeError(error) } };
    }
  }
}
