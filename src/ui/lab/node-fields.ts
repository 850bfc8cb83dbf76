/** The scenario's node list, positions and load as text: strict readers (form, ranges, unique ids) and the writer. */
import { DEVICE_PRESETS } from '../../emulator/presets';
import type { ScenarioNode } from '../../emulator/scenario';
import { errors } from '../../errors';
import { LIMITS, maxNodes, type LabScenario } from './scenario-spec';
import { formatNumber, readChoice, readNumber } from './url-fields';

const ID = /^[A-Za-z0-9_.-]{1,24}$/;
const MB = 2 ** 20;

export function writeNodes(nodes: ScenarioNode[]): string {
  return nodes.map((n) => `${n.id}:${n.preset ?? '-'}:${formatNumber(n.memoryBytes / MB)}:${formatNumber(n.gflops)}${n.radioMbps !== undefined ? `:${formatNumber(n.radioMbps)}` : ''}`).join(',');
}

export function readNodes(text: string, mode: LabScenario['mode']): ScenarioNode[] {
  const items = text.split(',');
  const limit = maxNodes(mode);
  if (items.length > limit) throw errors.badScenarioField('nodes', `${items.length} nodes`, `at most ${limit} nodes in ${mode} mode`);
  const seen = new Set<string>();
  const presets = DEVICE_PRESETS.map((p) => p.id);
  return items.map((item, i) => {
    const field = `nodes[${i + 1}]`;
    const parts = item.split(':');
    if (parts.length !== 4 && parts.length !== 5) throw errors.badScenarioField(field, item, 'id:preset:memoryMB:gflops[:radioMbps], e.g. n1:pi4:4096:8');
    const [id, preset, memory, gflops, radio] = parts;
    if (!ID.test(id) || id === 'dispatcher') throw errors.badScenarioField(`${field} id`, id, "1-24 letters, digits, '.', '_' or '-' (not 'dispatcher')");
    if (seen.has(id)) throw errors.badScenarioField(`${field} id`, id, 'an id used once');
    seen.add(id);
    if (preset !== '-') readChoice(`${field} preset`, preset, presets);
    return {
      id,
      memoryBytes: Math.round(readNumber(`${field} memory (MB)`, memory, LIMITS.memoryMB) * MB),
      gflops: readNumber(`${field} GFLOPS`, gflops, LIMITS.gflops),
      ...(preset !== '-' ? { preset } : {}),
      ...(radio !== undefined ? { radioMbps: readNumber(`${field} radio (Mbit/s)`, radio, LIMITS.bandwidthMbps) } : {}),
    };
  });
}

export function readPositions(text: string, size: number): [number, number][] {
  const items = text.split(',');
  if (items.length !== size) throw errors.badScenarioField('pos', `${items.length} positions`, `${size} x:y positions (nodes, then the dispatcher)`);
  return items.map((item, i) => {
    const parts = item.split(':');
    if (parts.length !== 2) throw errors.badScenarioField(`pos[${i + 1}]`, item, 'x:y in metres');
    return [readNumber(`pos[${i + 1}] x`, parts[0], LIMITS.position), readNumber(`pos[${i + 1}] y`, parts[1], LIMITS.position)];
  });
}

export function readLoad(text: string): LabScenario['load'] {
  if (text === 'closed') return { mode: 'closed' };
  const closed = /^closed:(.+)$/.exec(text);
  if (closed) return { mode: 'closed', window: readNumber('load window', closed[1], LIMITS.window, true) };
  const m = /^open:(.+)$/.exec(text);
  if (!m) throw errors.badScenarioField('load', text, "'closed', 'closed:<requests in flight>' or 'open:<requests per second>'");
  return { mode: 'open', ratePerSec: readNumber('load rate', m[1], LIMITS.openRatePerSec) };
}

export function writeLoad(load: LabScenario['load']): string {
  if (load.mode === 'open') return `open:${formatNumber(load.ratePerSec)}`;
  return load.window === undefined ? 'closed' : `closed:${load.window}`;
}
