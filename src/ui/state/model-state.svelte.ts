/** The model on the page: loading and profiling it in the model worker, with progress; the analysis once ready. */
import { decodeModel, summarize, toProfile, type Model, type ModelAnalysis, type ModelSummary, type TensorValue } from '../../model/index';
import { describeError } from '../../errors';
import { needSizesMessage, shapeFields, type ShapeField } from '../lab/shape-form';
import type { Profile } from '../../planner/types';
import type { WireTensor } from '../../workers/protocol';
import { planningProfile, type PlanningProfile } from '../lab/coarse-profile';
import { modelWorker } from '../workers/clients';
import type { ModelResult } from '../workers/model-service';
import * as Comlink from 'comlink';

export interface Progress {
  label: string;
  fraction: number;
}

export class ModelState {
  analysis = $state.raw<ModelAnalysis | null>(null);
  summary = $state.raw<ModelSummary | null>(null);
  profile = $state.raw<Profile | null>(null);
  /** What the planner sees: the profile, with very long chains grouped (coarse-profile.ts). */
  planning = $state.raw<PlanningProfile | null>(null);
  progress = $state.raw<Progress | null>(null);
  error = $state('');
  /** The error's code (for the page's answer to it, e.g. the input shapes form). */
  errorCode = $state('');
  /** A file whose inputs need sizes: its declared inputs, for the form. */
  shapeRequest = $state.raw<{ file: File; model: Model; fields: ShapeField[] } | null>(null);
  /** Which request is current: a slow load that was overtaken must not land. */
  private ticket = 0;

  get name(): string {
    return this.analysis?.name ?? '';
  }

  async loadZoo(name: string, seed: number): Promise<boolean> {
    return this.load(name, (progress) => modelWorker().loadZoo(name, seed, document.baseURI, progress));
  }

  /** A file, with a shape per input name when the form gave them (or one shape for a one-input model). */
  async loadFile(file: File, inputShapes?: number[] | Record<string, number[]>): Promise<boolean> {
    const label = `reading ${file.name}`;
    return this.load(file.name, async (progress) => {
      progress(label, 0);
      const bytes = new Uint8Array(await file.arrayBuffer());
      progress(label, 1);
      // the worker hands the shapes to analyzeModel, which takes either form; its declared type still says
      // number[] only (src/ui/workers is not this layer's to change): widen it there and drop this cast
      const shapes = inputShapes as number[] | undefined;
      return modelWorker().loadFile(Comlink.transfer(bytes, [bytes.buffer]), file.name, shapes, progress);
    });
  }

  /** The stage model of blocks first..last, sliced in the model worker and transferred here. */
  stageModel(firstBlock: number, lastBlock: number): Promise<Uint8Array> {
    return modelWorker().stage(firstBlock, lastBlock);
  }

  /** The whole model and its analysis with the weights, from the worker (the page's own analysis has none). */
  whole(): Promise<{ bytes: Uint8Array; analysis: ModelAnalysis }> {
    return modelWorker().whole();
  }

  /** Reads the file's declared inputs (on this thread: the worker only says that sizes are missing) for the form. */
  async askShapes(file: File): Promise<void> {
    try {
      const model = decodeModel(new Uint8Array(await file.arrayBuffer()), file.name);
      const fields = shapeFields(model);
      this.shapeRequest = { file, model, fields };
      if (this.errorCode === 'unresolved-shape') this.error = needSizesMessage(file.name, fields);
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** The whole model's outputs for the request inputs, from the worker that loaded it. */
  reference(inputs: WireTensor[][], onProgress: (label: string, fraction: number) => void): Promise<TensorValue[][]> {
    return modelWorker().reference(inputs, Comlink.proxy(onProgress));
  }

  private async load(what: string, work: (progress: (label: string, fraction: number) => void) => Promise<ModelResult>): Promise<boolean> {
    const ticket = ++this.ticket;
    this.error = '';
    this.errorCode = '';
    this.progress = { label: `loading ${what}`, fraction: 0 };
    // progress comes on its own message port and may arrive after the result: once done, it is ignored
    let done = false;
    const progress = Comlink.proxy((label: string, fraction: number) => {
      if (ticket === this.ticket && !done) this.progress = { label, fraction };
    });
    try {
      const result = await work(progress);
      if (ticket !== this.ticket) return false;
      if (!result.ok) {
        this.error = result.error.message;
        this.errorCode = result.error.code;
        return false;
      }
      this.analysis = result.analysis;
      this.summary = summarize(result.analysis);
      this.profile = toProfile(result.analysis);
      this.planning = planningProfile(result.analysis);
      return true;
    } catch (error) {
      if (ticket === this.ticket) this.error = describeError(error);
      return false;
    } finally {
      done = true;
      if (ticket === this.ticket) this.progress = null;
    }
  }
}
