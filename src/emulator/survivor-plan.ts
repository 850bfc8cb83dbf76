/**
 * Planning on what the dispatcher believes survives: pure functions over the profile, the believed cluster and
 * what is believed dead. Re-plans keep the algorithm and objective the run started with (SEIFER re-plans with
 * its own method); with best or optimal, among equal plans the one that moves the fewest bytes wins.
 */
import { linkKey } from '../netsim/world';
import { evaluatePlan, isInfeasible, plan, replan, survivingCluster, type AlgorithmName, type Infeasible, type Objective, type PlanReport, type Profile } from '../planner/index';
import { describeError } from '../errors';
import type { Survivors } from './cluster-belief';
import { formatBytes } from '../util/format';

export interface SurvivorInput extends Survivors {
  profile: Profile;
  /** The plan that ran before, or null at the start and after a pause (nothing to keep in place then). */
  current: PlanReport | null;
  algorithm: AlgorithmName;
  objective: Objective;
  seed: number;
}

/** A plan on the survivors; never throws (a planner refusal becomes an Infeasible with its reason). */
export function planOnSurvivors(input: SurvivorInput): PlanReport | Infeasible {
  try {
    return survivorPlan(input);
  } catch (error) {
    // e.g. a node left with no link at all: the planner refuses the cluster; say why and wait for a repair
    return { error: 'infeasible', reason: describeError(error), needBytes: 0, haveBytes: 0 };
  }
}

function survivorPlan(input: SurvivorInput): PlanReport | Infeasible {
  const { profile, cluster, current, deadNodes, deadLinks, algorithm, objective, seed } = input;
  if (current) return replan(profile, current, cluster, deadNodes, deadLinks, { algorithm, objective, seed });
  return plan(profile, survivingCluster(cluster, deadNodes, deadLinks), { algorithm, objective, seed });
}

/** The running plan's figures on what is believed now (a node slowed, a link degraded), or null when it no longer runs there. */
export function reevaluate(input: SurvivorInput): PlanReport | null {
  if (!input.current) return null;
  try {
    const survivors = survivingCluster(input.cluster, input.deadNodes, input.deadLinks);
    return { ...input.current, ...evaluatePlan(input.profile, survivors, { stages: input.current.stages }, input.objective) };
  } catch {
    return null;
  }
}

/** Whether `candidate` beats the running plan (on what is believed now) by at least `threshold`. */
export function isClearImprovement(input: SurvivorInput, candidate: PlanReport | Infeasible, threshold: number): candidate is PlanReport {
  if (isInfeasible(candidate)) return false;
  const now = reevaluate(input);
  return now === null || candidate.bottleneckMs <= now.bottleneckMs * (1 - threshold);
}

/** Why the run is paused, in the words of the run: who is down, and what the rest cannot do. */
export function pauseMessage(outcome: Infeasible, input: Pick<SurvivorInput, 'cluster' | 'deadNodes' | 'deadLinks'>): string {
  const dispatcher = input.cluster.dispatcher;
  const devices = input.cluster.nodes.filter((n) => n.id !== dispatcher);
  const dead = new Set(input.deadNodes);
  const up = devices.filter((n) => !dead.has(n.id));
  const held = 'requests are held until a node comes back';
  if (up.length === 0) return `Every node is down (${list(devices.map((n) => n.id))}): ${held}.`;
  const down = dead.size === 0 ? '' : `${dead.size === 1 ? 'Node' : 'Nodes'} ${list([...dead])} ${dead.size === 1 ? 'is' : 'are'} down; the`;
  const subject = `${down || 'The'} nodes still up (${list(up.map((n) => n.id))})`;
  if (outcome.needBytes > 0 && outcome.needBytes > outcome.haveBytes) {
    return `${subject} hold ${formatBytes(outcome.haveBytes)} and the model needs ${formatBytes(outcome.needBytes)}: ${held}.`;
  }
  const cut = input.deadLinks.length > 0 ? ` (links cut: ${list(input.deadLinks.map(([a, b]) => linkKey(a, b)))})` : '';
  return `${subject} cannot run the model${cut}: ${outcome.reason}; ${held} or a link is repaired.`;
}

function list(ids: readonly string[]): string {
  return ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;
}
