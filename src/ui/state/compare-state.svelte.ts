/** The compare panel: every algorithm on the current scenario, planned in the planner worker. */
import { describeError } from '../../errors';
import { toCluster } from '../../emulator/scenario';
import type { Cluster, Objective, Profile } from '../../planner/types';
import type { Comparison } from '../lab/compare';
import type { PlanningProfile } from '../lab/coarse-profile';
import { toEmulatorScenario, type LabScenario } from '../lab/scenario-spec';
import { plannerWorker } from '../workers/clients';

/** What a comparison belongs to: the run (its generation) and the model; another of either makes it stale. */
export function comparisonKey(lab: { generation: number; model: { name: string } }): string {
  return `${lab.generation}:${lab.model.name}`;
}

export class CompareState {
  result = $state.raw<Comparison | null>(null);
  busy = $state(false);
  error = $state('');
  /** The inputs the result belongs to, so a stale result is recomputed, not shown. */
  resultKey = $state('');
  private ticket = 0;

  /** The result for the run `generation` of model `modelName`, or null while there is none. */
  current(key: string): Comparison | null {
    return this.resultKey === key ? this.result : null;
  }

  /** Plans the scenario with every algorithm unless the result for `key` is there or being made. */
  ensure(key: string, planning: PlanningProfile | null, scenario: LabScenario): void {
    if (this.resultKey === key || this.busy || !planning) return;
    void this.run(key, planning.profile, toCluster(toEmulatorScenario(scenario)), { objective: scenario.objective, seed: scenario.seed });
  }

  async run(key: string, profile: Profile, cluster: Cluster, options: { objective: Objective; seed: number }): Promise<void> {
    const ticket = ++this.ticket;
    this.busy = true;
    this.error = '';
    try {
      const result = await plannerWorker().compare(profile, cluster, options);
      if (ticket !== this.ticket) return;
      this.result = result;
      this.resultKey = key;
    } catch (error) {
      if (ticket === this.ticket) this.error = describeError(error);
    } finally {
      if (ticket === this.ticket) this.busy = false;
    }
  }
}
