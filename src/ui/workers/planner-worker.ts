/** Entry of the page's planner worker: every algorithm on the current scenario, and SEIFER's method step by step (the Teach tab), without blocking the page. */
import * as Comlink from 'comlink';
import { seiferSteps } from '../../planner/index';
import { compareAlgorithms } from '../lab/compare';

export const plannerWorkerApi = { compare: compareAlgorithms, seifer: seiferSteps };
export type PlannerWorkerApi = typeof plannerWorkerApi;

Comlink.expose(plannerWorkerApi);
