/**
 * The plan a deployment is made from: what `seifer-lab plan --json` prints, checked for the fields a deployment
 * reads (each stage's node, blocks and memory), with errors that name the field.
 */
import { errors } from '../errors';

export interface DeployStage {
  node: string;
  firstBlock: number;
  lastBlock: number;
  memoryBytes: number;
}

export function readDeployPlan(value: unknown): DeployStage[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw errors.badPlan('the file', 'must be one JSON object, as seifer-lab plan --json prints it');
  const record = value as Record<string, unknown>;
  if (record.error === 'infeasible') throw errors.badPlan('error', `is 'infeasible': the planner found no plan (${String(record.reason ?? 'no reason given').slice(0, 200)})`);
  const stages = record.stages;
  if (!Array.isArray(stages) || stages.length === 0) throw errors.badPlan('stages', 'must be a non-empty array');
  const seen = new Set<string>();
  return stages.map((stage: unknown, i) => {
    const where = `stages[${i}]`;
    if (typeof stage !== 'object' || stage === null) throw errors.badPlan(where, 'must be an object {node, firstBlock, lastBlock, memoryBytes}');
    const s = stage as Record<string, unknown>;
    if (typeof s.node !== 'string' || s.node === '') throw errors.badPlan(`${where}.node`, 'must be a non-empty string (a cluster node id)');
    if (seen.has(s.node)) throw errors.badPlan(`${where}.node`, `repeats node '${s.node}': a plan puts one stage on each node`);
    seen.add(s.node);
    for (const key of ['firstBlock', 'lastBlock'] as const) {
      if (!Number.isInteger(s[key]) || (s[key] as number) < 0) throw errors.badPlan(`${where}.${key}`, 'must be an integer >= 0');
    }
    const expectedFirst = i === 0 ? 0 : (stages[i - 1] as DeployStage).lastBlock + 1;
    if (s.firstBlock !== expectedFirst || (s.lastBlock as number) < (s.firstBlock as number)) {
      throw errors.badPlan(`${where}.firstBlock`, `is ${String(s.firstBlock)}..${String(s.lastBlock)}, expected a block range starting at ${expectedFirst}`);
    }
    if (typeof s.memoryBytes !== 'number' || !Number.isFinite(s.memoryBytes) || s.memoryBytes < 0) {
      throw errors.badPlan(`${where}.memoryBytes`, 'must be a number of bytes >= 0 (seifer-lab plan --json writes it for every stage)');
    }
    return { node: s.node, firstBlock: s.firstBlock as number, lastBlock: s.lastBlock as number, memoryBytes: s.memoryBytes };
  });
}
