/** The compare panel: every algorithm on the current scenario, planned in the planner worker. */
import { describeError } from '../../errors';
import type { Cluster, Objective, Profile } from '../../planner/types';
import type { Comparison } from '../lab/compare';
import { plannerWorker } from '../workers/clients';

export class CompareState {
  result = $state.raw<Comparison | null>(null);
  busy = $state(false);
  error = $state('');
  /** The inputs the result belongs to, so a stale result is recomputed, not shown. */
  resultKey = $state('');
  private ticket = 0;

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
