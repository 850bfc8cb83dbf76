/** The model on the page: loading and profiling it in the model worker, with progress; the analysis once ready. */
import { summarize, toProfile, type ModelAnalysis, type ModelSummary, type TensorValue } from '../../model/index';
import type { Profile } from '../../planner/types';
import type { WireTensor } from '../../workers/protocol';
import { planningProfile, type PlanningProfile } from '../lab/coarse-profile';
import { modelWorker } from '../workers/clients';
import type { ModelResult } from '../workers/model-service';
import * as Comlink from 'comlink';
import { describeError } from '../../errors';

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
  /** Which request is current: a slow load that was overtaken must not land. */
  private ticket = 0;

  get name(): string {
    return this.analysis?.name ?? '';
  }

  async loadZoo(name: string, seed: number): Promise<boolean> {
    return this.load(name, (progress) => modelWorker().loadZoo(name, seed, document.baseURI, progress));
  }

  async loadFile(file: File, inputShape?: number[]): Promise<boolean> {
    const label = `reading ${file.name}`;
    return this.load(file.name, async (progress) => {
      progress(label, 0);
      const bytes = new Uint8Array(await file.arrayBuffer());
      progress(label, 1);
      return modelWorker().loadFile(Comlink.transfer(bytes, [bytes.buffer]), file.name, inputShape, progress);
    });
  }

  /** The stage model of blocks first..last, sliced in the model worker and transferred here. */
  stageModel(firstBlock: number, lastBlock: number): Promise<Uint8Array> {
    return modelWorker().stage(firstBlock, lastBlock);
  }

  /** The whole model's outputs for the request inputs, from the worker that loaded it. */
  reference(inputs: WireTensor[][], onProgress: (label: string, fraction: number) => void): Promise<TensorValue[][]> {
    return modelWorker().reference(inputs, Comlink.proxy(onProgress));
  }

  private async load(what: string, work: (progress: (label: string, fraction: number) => void) => Promise<ModelResult>): Promise<boolean> {
    const ticket = ++this.ticket;
    this.error = '';
    this.progress = { label: `loading ${what}`, fraction: 0 };
    const progress = Comlink.proxy((label: string, fraction: number) => {
      if (ticket === this.ticket) this.progress = { label, fraction };
    });
    try {
      const result = await work(progress);
      if (ticket !== this.ticket) return false;
      if (!result.ok) {
        this.error = result.error.message;
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
      if (ticket === this.ticket) this.progress = null;
    }
  }
}
