/** Entry of the page's planner worker: every algorithm on the current scenario, without blocking the page. */
import * as Comlink from 'comlink';
import { compareAlgorithms } from '../lab/compare';

export const plannerWorkerApi = { compare: compareAlgorithms };
export type PlannerWorkerApi = typeof plannerWorkerApi;

Comlink.expose(plannerWorkerApi);
