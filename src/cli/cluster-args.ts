/**
 * The cluster options every command shares: --cluster C.json, or --nodes N with --memory MB / --preset ID,
 * --gflops, --bandwidth, --latency and --seed, built by the one cluster builder (src/emulator/cluster-builder.ts).
 */
import { errors } from '../errors';
import { clusterRows, readJson } from './json-file';
import { scenarioFromFlags } from '../emulator/cluster-builder';
import { DEVICE_PRESETS, findPreset } from '../emulator/presets';
import { scenarioFromCluster, validateClusterFile } from '../emulator/cluster-file';
import type { Scenario } from '../emulator/scenario';
import { numberOption, stringOption, type OptionSpec, type ParsedArgs } from './args';

export const clusterOptions: OptionSpec = {
  cluster: { type: 'string' },
  nodes: { type: 'string' },
  memory: { type: 'string' },
  gflops: { type: 'string' },
  preset: { type: 'string' },
  bandwidth: { type: 'string' },
  latency: { type: 'string' },
  seed: { type: 'string' },
};

export const CLUSTER_USAGE = '(--cluster C.json | --nodes N (--memory MiB [--gflops G] | --preset ID) [--bandwidth Mbps] [--latency MS] [--seed S])';

/** The links from the dispatcher of a cluster file that names none. */
const FILE_DISPATCHER_LINK = { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0 };

/** The scenario of a cluster file already read (`file` names it in messages). */
function scenarioFromClusterJson(file: string, parsed: unknown, maxNodes: number): Scenario {
  const scenario = scenarioFromCluster(validateClusterFile(parsed), FILE_DISPATCHER_LINK);
  if (scenario.nodes.length > maxNodes) throw errors.badOption('--cluster', file, `at most ${maxNodes} nodes for this command (the file has ${scenario.nodes.length})`);
  return scenario;
}

/** The scenario the options describe; `parsed`: the --cluster file when the caller has read it already. */
export function scenarioFromArgs(args: ParsedArgs, maxNodes: number, progress?: (label: string, fraction: number) => void, parsed?: unknown): Scenario {
  const file = stringOption(args, 'cluster');
  const generated = ['nodes', 'memory', 'gflops', 'preset', 'bandwidth', 'latency'].filter((k) => stringOption(args, k) !== undefined);
  if (file !== undefined) {
    if (generated.length > 0) throw errors.badOption('--cluster', file, `either --cluster or --nodes/--memory/..., not both (also given: --${generated.join(', --')})`);
    return scenarioFromClusterJson(file, parsed ?? readJson(file, '--cluster', clusterRows(maxNodes), progress), maxNodes);
  }
  const presetId = stringOption(args, 'preset');
  const preset = presetId ? findPreset(presetId) : undefined;
  if (presetId && !preset) throw errors.badOption('--preset', presetId, `one of ${DEVICE_PRESETS.map((p) => p.id).join(', ')}`);
  if (stringOption(args, 'nodes') === undefined) throw errors.badArguments(`Say which cluster: --cluster C.json, or --nodes N --memory MiB for a cluster with SEIFER's random links`, CLUSTER_USAGE);
  const count = numberOption(args, 'nodes', 0, { integer: true, min: 1, max: maxNodes });
  const memoryBytes = stringOption(args, 'memory') !== undefined ? numberOption(args, 'memory', 0, { min: 0.001, max: 2 ** 30 }) * 2 ** 20 : preset?.memoryBytes;
  if (memoryBytes === undefined) throw errors.badOption('--memory', '(missing)', 'the memory of each node in MiB (or --preset ID)');
  return scenarioFromFlags({
    nodes: count,
    memoryBytes,
    gflops: numberOption(args, 'gflops', preset?.gflops ?? 10, { min: 1e-6, max: 1e9 }),
    ...(preset ? { preset: preset.id } : {}),
    seed: numberOption(args, 'seed', 1, { integer: true, min: 0 }),
    ...(stringOption(args, 'bandwidth') !== undefined ? { bandwidthMbps: numberOption(args, 'bandwidth', 100, { min: 0.001, max: 1e9 }) } : {}),
    latencyMs: numberOption(args, 'latency', 0, { min: 0, max: 1e6 }),
  });
}
