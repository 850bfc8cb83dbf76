/**
 * The whole scenario in the page's URL hash, readable and editable by hand:
 * #model=ppocr-cls&algo=best&obj=full&seed=1&ts=1&mode=real&chaos=0&load=closed
 *  &nodes=n1:esp32-s3:8:0.12[:radioMbps],...&bw=<matrix>&lat=<matrix>&jit=..&loss=..&pos=x:y,...
 * Parsing is defensive: size limits, a fixed grammar, every number range-checked; data from the URL is only
 * ever shown as text. Anything wrong yields a SeiferError that names the field, and the caller falls back.
 */
import { DEVICE_PRESETS } from '../../emulator/presets';
import type { ScenarioNode } from '../../emulator/scenario';
import { errors, SeiferError } from '../../errors';
import { zoo } from '../../model/zoo/index';
import { ALGORITHMS } from '../../planner/types';
import { LIMITS, maxNodes, SELF_LINK, UPLOADED_MODEL, type LabScenario } from './scenario-spec';
import { formatNumber, readChoice, readMatrix, readNumber, writeMatrix } from './url-fields';

export const MAX_HASH_CHARS = 100_000;
const ID = /^[A-Za-z0-9_.-]{1,24}$/;
const MB = 2 ** 20;

export type ParsedScenario = { ok: true; scenario: LabScenario; fromLink: boolean } | { ok: false; error: SeiferError };

export function scenarioToHash(s: LabScenario): string {
  const params = new URLSearchParams();
  params.set('model', s.model);
  params.set('mseed', String(s.modelSeed));
  params.set('algo', s.algorithm);
  params.set('obj', s.objective);
  params.set('seed', String(s.seed));
  params.set('ts', formatNumber(s.timeScale));
  params.set('mode', s.mode);
  params.set('chaos', formatNumber(s.chaosPerMin));
  params.set('load', s.load.mode === 'open' ? `open:${formatNumber(s.load.ratePerSec)}` : 'closed');
  params.set('nodes', s.nodes.map((n) => `${n.id}:${n.preset ?? '-'}:${formatNumber(n.memoryBytes / MB)}:${formatNumber(n.gflops)}${n.radioMbps !== undefined ? `:${formatNumber(n.radioMbps)}` : ''}`).join(','));
  params.set('bw', writeMatrix(s.links.map((row) => row.map((l) => l.bandwidthMbps))));
  params.set('lat', writeMatrix(s.links.map((row) => row.map((l) => l.latencyMs))));
  params.set('jit', writeMatrix(s.links.map((row) => row.map((l) => l.jitterMs))));
  params.set('loss', writeMatrix(s.links.map((row) => row.map((l) => l.lossRate))));
  if (s.positions) params.set('pos', s.positions.map(([x, y]) => `${formatNumber(x)}:${formatNumber(y)}`).join(','));
  // keep ':' ',' ';' readable: they are legal in a fragment
  return params.toString().replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%3B/g, ';');
}

/** Reads a hash ('#...' or '...'); missing fields come from `base`. An empty hash is `base` itself. */
export function scenarioFromHash(hash: string, base: LabScenario): ParsedScenario {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.trim() === '') return { ok: true, scenario: base, fromLink: false };
  try {
    return { ok: true, scenario: parse(text, base), fromLink: true };
  } catch (error) {
    if (error instanceof SeiferError) return { ok: false, error };
    return { ok: false, error: errors.badScenarioLink('link', text.slice(0, 40), `a scenario link made by Share (${error instanceof Error ? error.message : String(error)})`) };
  }
}

function parse(text: string, base: LabScenario): LabScenario {
  if (text.length > MAX_HASH_CHARS) throw errors.badScenarioLink('link', `${text.length} characters`, `at most ${MAX_HASH_CHARS} characters`);
  const params = new URLSearchParams(text);
  const get = (key: string) => params.get(key) ?? undefined;
  const mode = get('mode') === undefined ? base.mode : readChoice('mode', get('mode') as string, ['real', 'virtual'] as const);
  const model = get('model') ?? base.model;
  if (model === UPLOADED_MODEL) throw errors.badScenarioLink('model', model, 'a zoo model: this link was made with a local file, which links cannot carry (drop the file on the page again)');
  readChoice('model', model, zoo.map((e) => e.name));
  const nodes = get('nodes') === undefined ? base.nodes : readNodes(get('nodes') as string, mode);
  const size = nodes.length + 1;
  const sameShape = nodes.length === base.nodes.length;
  const matrix = (key: string, range: readonly [number, number], pick: (l: LabScenario['links'][0][0]) => number, fallback: number) => {
    const value = get(key);
    if (value !== undefined) return readMatrix(key, value, size, range);
    if (sameShape) return base.links.map((row) => row.map(pick));
    return Array.from({ length: size }, () => Array.from({ length: size }, () => fallback));
  };
  const bw = matrix('bw', LIMITS.bandwidthMbps, (l) => l.bandwidthMbps, 10);
  const lat = matrix('lat', LIMITS.latencyMs, (l) => l.latencyMs, 1);
  const jit = matrix('jit', LIMITS.jitterMs, (l) => l.jitterMs, 0);
  const loss = matrix('loss', LIMITS.lossRate, (l) => l.lossRate, 0);
  const positions = get('pos') === undefined ? (sameShape ? base.positions : null) : readPositions(get('pos') as string, size);
  return {
    model,
    modelSeed: get('mseed') === undefined ? base.modelSeed : readNumber('mseed', get('mseed') as string, LIMITS.seed, true),
    nodes,
    links: bw.map((row, i) => row.map((b, j) => (i === j ? { ...SELF_LINK } : { bandwidthMbps: b, latencyMs: lat[i][j], jitterMs: jit[i][j], lossRate: loss[i][j] }))),
    positions,
    algorithm: get('algo') === undefined ? base.algorithm : readChoice('algo', get('algo') as string, ALGORITHMS),
    objective: get('obj') === undefined ? base.objective : readChoice('obj', get('obj') as string, ['full', 'comm'] as const),
    seed: get('seed') === undefined ? base.seed : readNumber('seed', get('seed') as string, LIMITS.seed, true),
    timeScale: get('ts') === undefined ? base.timeScale : readNumber('ts', get('ts') as string, LIMITS.timeScale),
    mode,
    chaosPerMin: get('chaos') === undefined ? base.chaosPerMin : readNumber('chaos', get('chaos') as string, LIMITS.chaosPerMin),
    load: get('load') === undefined ? base.load : readLoad(get('load') as string),
  };
}

function readNodes(text: string, mode: LabScenario['mode']): ScenarioNode[] {
  const items = text.split(',');
  const limit = maxNodes(mode);
  if (items.length > limit) throw errors.badScenarioLink('nodes', `${items.length} nodes`, `at most ${limit} nodes in ${mode} mode`);
  const seen = new Set<string>();
  return items.map((item, i) => {
    const field = `nodes[${i + 1}]`;
    const parts = item.split(':');
    if (parts.length !== 4 && parts.length !== 5) throw errors.badScenarioLink(field, item, 'id:preset:memoryMB:gflops[:radioMbps], e.g. n1:pi4:4096:8');
    const [id, preset, memory, gflops, radio] = parts;
    if (!ID.test(id) || id === 'dispatcher') throw errors.badScenarioLink(`${field} id`, id, "1-24 letters, digits, '.', '_' or '-' (not 'dispatcher')");
    if (seen.has(id)) throw errors.badScenarioLink(`${field} id`, id, 'an id used once');
    seen.add(id);
    if (preset !== '-') readChoice(`${field} preset`, preset, DEVICE_PRESETS.map((p) => p.id));
    return {
      id,
      memoryBytes: Math.round(readNumber(`${field} memory (MB)`, memory, LIMITS.memoryMB) * MB),
      gflops: readNumber(`${field} GFLOPS`, gflops, LIMITS.gflops),
      ...(preset !== '-' ? { preset } : {}),
      ...(radio !== undefined ? { radioMbps: readNumber(`${field} radio (Mbit/s)`, radio, LIMITS.bandwidthMbps) } : {}),
    };
  });
}

function readPositions(text: string, size: number): [number, number][] {
  const items = text.split(',');
  if (items.length !== size) throw errors.badScenarioLink('pos', `${items.length} positions`, `${size} x:y positions (nodes, then the dispatcher)`);
  return items.map((item, i) => {
    const parts = item.split(':');
    if (parts.length !== 2) throw errors.badScenarioLink(`pos[${i + 1}]`, item, 'x:y in metres');
    return [readNumber(`pos[${i + 1}] x`, parts[0], LIMITS.position), readNumber(`pos[${i + 1}] y`, parts[1], LIMITS.position)];
  });
}

function readLoad(text: string): LabScenario['load'] {
  if (text === 'closed') return { mode: 'closed' };
  const m = /^open:(.+)$/.exec(text);
  if (!m) throw errors.badScenarioLink('load', text, "'closed' or 'open:<requests per second>'");
  return { mode: 'open', ratePerSec: readNumber('load rate', m[1], LIMITS.openRatePerSec) };
}
