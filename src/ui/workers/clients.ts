/** The page's helper workers, started on first use and kept (each holds its own onnxruntime or planner state). */
import * as Comlink from 'comlink';
import type { ModelWorkerApi } from './model-worker';
import type { PlannerWorkerApi } from './planner-worker';

let model: Comlink.Remote<ModelWorkerApi> | null = null;
let planner: Comlink.Remote<PlannerWorkerApi> | null = null;

export function modelWorker(): Comlink.Remote<ModelWorkerApi> {
  model ??= Comlink.wrap<ModelWorkerApi>(new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module', name: 'model' }));
  return model;
}

export function plannerWorker(): Comlink.Remote<PlannerWorkerApi> {
  planner ??= Comlink.wrap<PlannerWorkerApi>(new Worker(new URL('./planner-worker.ts', import.meta.url), { type: 'module', name: 'planner' }));
  return planner;
}
