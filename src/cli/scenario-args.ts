/** --cluster C.json, or --nodes N --memory MB --gflops G / --preset ID with --bandwidth and --latency: a Scenario. */
import { readFileSync } from 'node:fs';
import { errors } from '../errors';
import { DEVICE_PRESETS, findPreset } from '../emulator/presets';
import { scenarioFromCluster, uniformScenario, type Scenario, type ScenarioLink } from '../emulator/scenario';
import { validateCluster } from '../planner/index';
import { numberOption, stringOption, type OptionSpec, type ParsedArgs } from './args';

export const scenarioOptions: OptionSpec = {
  cluster: { type: 'string' },
  nodes: { type: 'string' },
  memory: { type: 'string' },
  gflops: { type: 'string' },
  preset: { type: 'string' },
  bandwidth: { type: 'string' },
  latency: { type: 'string' },
};

export function scenarioFromArgs(args: ParsedArgs): Scenario {
  const link: ScenarioLink = {
    bandwidthMbps: numberOption(args, 'bandwidth', 100, { min: 0.001 }),
    latencyMs: numberOption(args, 'latency', 1, { min: 0 }),
    jitterMs: 0,
    lossRate: 0,
  };
  const file = stringOption(args, 'cluster');
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw errors.badOption('--cluster', file, `a readable JSON cluster file (${error instanceof Error ? error.message : String(error)})`);
    }
    return scenarioFromCluster(validateCluster(parsed as Parameters<typeof validateCluster>[0]), link);
  }
  const presetId = stringOption(args, 'preset');
  const preset = presetId ? findPreset(presetId) : undefined;
  if (presetId && !preset) throw errors.badOption('--preset', presetId, `one of ${DEVICE_PRESETS.map((p) => p.id).join(', ')}`);
  const count = numberOption(args, 'nodes', 0, { integer: true, min: 1, max: 200 });
  if (count === 0) throw errors.badOption('--nodes', '(missing)', 'a node count (or --cluster FILE)');
  const memoryBytes = stringOption(args, 'memory') !== undefined ? numberOption(args, 'memory', 0, { min: 0.001 }) * 2 ** 20 : preset?.memoryBytes;
  if (memoryBytes === undefined) throw errors.badOption('--memory', '(missing)', 'the memory of each node in MB (or --preset ID)');
  const gflops = numberOption(args, 'gflops', preset?.gflops ?? 10, { min: 1e-6 });
  return uniformScenario(count, { memoryBytes, gflops, ...(preset ? { preset: preset.id } : {}) }, link);
}
