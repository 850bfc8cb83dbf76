/**
 * What makes a plan valid: every block exactly once and in order, contiguous stages, distinct nodes that exist
 * (never the dispatcher), each stage within its node's memory, and a link for every hop. Tests check every plan of
 * every algorithm with this, and evaluatePlan refuses plans that fail it.
 */
import type { Cluster, Plan, Profile } from './types';

export interface PlanProblem {
  field: string;
  detail: string;
}

export function planProblems(profile: Profile, cluster: Cluster, plan: Plan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (field: string, detail: string) => problems.push({ field, detail });
  if (!plan || !Array.isArray(plan.stages) || plan.stages.length === 0) {
    add('plan.stages', 'is missing or empty, expected at least one stage');
    return problems;
  }
  const index = new Map(cluster.nodes.map((n, i) => [n.id, i]));
  const blockCount = profile.blocks.length;
  const used = new Set<string>();
  let next = 0;
  plan.stages.forEach((s, i) => {
    const at = `plan.stages[${i}]`;
    const node = index.get(s.node);
    if (node === undefined) add(`${at}.node`, `is '${s.node}', which is not a node of the cluster`);
    else if (s.node === cluster.dispatcher) add(`${at}.node`, `is the dispatcher '${s.node}', which hosts no stage`);
    if (used.has(s.node)) add(`${at}.node`, `is '${s.node}', which an earlier stage already uses; stages need distinct nodes`);
    used.add(s.node);
    if (!Number.isInteger(s.firstBlock) || !Number.isInteger(s.lastBlock) || s.firstBlock > s.lastBlock) {
      add(at, `covers blocks ${s.firstBlock}..${s.lastBlock}, expected integers with firstBlock <= lastBlock`);
      return;
    }
    if (s.firstBlock !== next) add(`${at}.firstBlock`, `is ${s.firstBlock}, expected ${next} (blocks must be covered once, in order)`);
    if (s.lastBlock >= blockCount) add(`${at}.lastBlock`, `is ${s.lastBlock}, but the model has blocks 0..${blockCount - 1}`);
    next = s.lastBlock + 1;
    if (node !== undefined && s.lastBlock < blockCount) {
      let memoryBytes = 0;
      for (let b = s.firstBlock; b <= s.lastBlock; b++) memoryBytes += profile.blocks[b].memoryBytes;
      const have = cluster.nodes[node].memoryBytes;
      if (memoryBytes > have) add(`${at}.node`, `is '${s.node}' with ${have} bytes of memory, but blocks ${s.firstBlock}..${s.lastBlock} need ${memoryBytes}`);
    }
  });
  if (next < blockCount) add('plan.stages', `end at block ${next - 1}, but the model has blocks 0..${blockCount - 1}`);
  const hop = (from: string, to: string, what: string) => {
    const a = index.get(from);
    const b = index.get(to);
    if (a !== undefined && b !== undefined && !(cluster.bandwidthMbps[a][b] > 0)) add('plan.stages', `need a link from '${from}' to '${to}' (${what}), but its bandwidth is 0`);
  };
  if (cluster.dispatcher !== undefined) hop(cluster.dispatcher, plan.stages[0].node, 'the input');
  for (let i = 0; i + 1 < plan.stages.length; i++) hop(plan.stages[i].node, plan.stages[i + 1].node, `after stage ${i}`);
  if (cluster.dispatcher !== undefined) hop(plan.stages[plan.stages.length - 1].node, cluster.dispatcher, 'the result');
  return problems;
}
