/**
 * The scenario's fields in one table, for the share link and the scenario file alike (as TF Playground's
 * state.ts does): each field writes itself as text and reads itself back, checked for form and range. A link and
 * a file are two envelopes around the same key = text pairs. Reading keeps every good field and reports each bad
 * one (the base scenario's value stands in for it), so one typo never throws a whole scenario away.
 */
import type { ScenarioLink } from '../../emulator/scenario';
import { errors, SeiferError } from '../../errors';
import { zoo } from '../../model/zoo/index';
import { ALGORITHMS } from '../../planner/types';
import { BANDWIDTH_MODELS, bandwidthByDistance } from './cluster-presets';
import { readFaults, readNotes, writeFaults } from './lesson-fields';
import { readLoad, readNodes, readPositions, writeLoad, writeNodes } from './node-fields';
import { BACKEND_MODES, LIMITS, SELF_LINK, UPLOADED_MODEL, type LabScenario } from './scenario-spec';
import { formatNumber, readChoice, readMatrix, readNumber, writeMatrix, type Range } from './url-fields';

type MatrixKey = 'bw' | 'lat' | 'jit' | 'loss';

/** What reading builds up, field after field (later fields depend on earlier ones: nodes fix the matrices' size). */
interface Draft {
  readonly base: LabScenario;
  scenario: LabScenario;
  /** Read from the pos field (undefined: not given or left out). */
  positions?: [number, number][] | null;
  matrices: Partial<Record<MatrixKey, number[][]>>;
}

export interface ScenarioField {
  /** Its key in a link and in a scenario file. */
  key: string;
  /** Its text, or null when the scenario has nothing to say there (no positions). */
  write(scenario: LabScenario): string | null;
  /** Reads `text` into the draft; throws a SeiferError naming the field when the text is not usable. */
  read(text: string, draft: Draft): void;
}

const MATRICES: Record<MatrixKey, { range: Range; pick: (l: ScenarioLink) => number; fallback: number }> = {
  bw: { range: LIMITS.bandwidthMbps, pick: (l) => l.bandwidthMbps, fallback: 10 },
  lat: { range: LIMITS.latencyMs, pick: (l) => l.latencyMs, fallback: 1 },
  jit: { range: LIMITS.jitterMs, pick: (l) => l.jitterMs, fallback: 0 },
  loss: { range: LIMITS.lossRate, pick: (l) => l.lossRate, fallback: 0 },
};

/** A field that is one value of the scenario. */
function simple<K extends keyof LabScenario>(key: string, prop: K, write: (value: LabScenario[K]) => string, read: (text: string, draft: Draft) => LabScenario[K]): ScenarioField {
  return {
    key,
    write: (s) => write(s[prop]),
    read: (text, draft) => {
      draft.scenario = { ...draft.scenario, [prop]: read(text, draft) };
    },
  };
}

export const SCENARIO_FIELDS: readonly ScenarioField[] = [
  simple('model', 'model', String, (text, draft) => {
    // a local file cannot travel in a link or a scenario file; the page that has it loaded keeps it
    if (text === UPLOADED_MODEL && draft.base.model === UPLOADED_MODEL) return text;
    if (text === UPLOADED_MODEL) throw errors.badScenarioField('model', text, 'a zoo model: this scenario was made with a local file, which cannot travel with it (open the .onnx file again)');
    return readChoice(
      'model',
      text,
      zoo.map((e) => e.name),
    );
  }),
  simple('mseed', 'modelSeed', String, (text) => readNumber('mseed', text, LIMITS.seed, true)),
  simple('algo', 'algorithm', String, (text) => readChoice('algo', text, ALGORITHMS)),
  simple('obj', 'objective', String, (text) => readChoice('obj', text, ['full', 'comm'] as const)),
  simple('seed', 'seed', String, (text) => readNumber('seed', text, LIMITS.seed, true)),
  simple('ts', 'timeScale', formatNumber, (text) => readNumber('ts', text, LIMITS.timeScale)),
  simple('mode', 'mode', String, (text) => readChoice('mode', text, BACKEND_MODES)),
  simple('chaos', 'chaosPerMin', formatNumber, (text) => readNumber('chaos', text, LIMITS.chaosPerMin)),
  simple('load', 'load', writeLoad, readLoad),
  simple('nodes', 'nodes', writeNodes, (text, draft) => readNodes(text, draft.scenario.mode)),
  {
    key: 'pos',
    write: (s) => (s.positions ? s.positions.map(([x, y]) => `${formatNumber(x)}:${formatNumber(y)}`).join(',') : null),
    read: (text, draft) => {
      draft.positions = readPositions(text, draft.scenario.nodes.length + 1);
    },
  },
  matrixField('bw'),
  matrixField('lat'),
  matrixField('jit'),
  matrixField('loss'),
  {
    key: 'faults',
    write: (s) => (s.faults?.length ? writeFaults(s.faults) : null),
    read: (text, draft) => void (draft.scenario = { ...draft.scenario, faults: readFaults(text, draft.scenario.nodes) }),
  },
  { key: 'pre', write: (s) => (s.predeployed ? '1' : null), read: (text, draft) => void (draft.scenario = { ...draft.scenario, predeployed: readChoice('pre', text, ['0', '1'] as const) === '1' }) },
  { key: 'notes', write: (s) => s.notes || null, read: (text, draft) => void (draft.scenario = { ...draft.scenario, notes: readNotes(text) }) },
];

export interface ReadFields {
  scenario: LabScenario;
  /** One error per field that was left out (its base value stands). */
  dropped: SeiferError[];
}

/** The scenario as key = text pairs, in table order. */
export function writeScenarioFields(scenario: LabScenario): [string, string][] {
  return SCENARIO_FIELDS.flatMap((field) => {
    const text = field.write(scenario);
    return text === null ? [] : [[field.key, text] as [string, string]];
  });
}

/** Reads the pairs present (missing fields keep `base`'s values); unknown keys are ignored. */
export function readScenarioFields(get: (key: string) => string | undefined, base: LabScenario): ReadFields {
  const draft: Draft = { base, scenario: base, matrices: {} };
  const dropped: SeiferError[] = [];
  for (const field of SCENARIO_FIELDS) {
    const text = get(field.key);
    if (text === undefined) continue;
    try {
      field.read(text, draft);
    } catch (error) {
      if (!(error instanceof SeiferError)) throw error;
      dropped.push(error);
    }
  }
  return { scenario: compose(draft), dropped };
}

/** Links and positions sized to the nodes read: read matrices, else the base's (same size), else defaults. */
function compose(draft: Draft): LabScenario {
  const { base, scenario } = draft;
  const size = scenario.nodes.length + 1;
  const sameShape = scenario.nodes.length === base.nodes.length;
  const matrix = (key: MatrixKey) =>
    draft.matrices[key] ?? (sameShape ? base.links.map((row) => row.map(MATRICES[key].pick)) : Array.from({ length: size }, () => Array.from({ length: size }, () => MATRICES[key].fallback)));
  const [bw, lat, jit, loss] = (['bw', 'lat', 'jit', 'loss'] as const).map(matrix);
  return {
    ...scenario,
    positions: positionsOf(draft),
    links: bw.map((row, i) => row.map((b, j) => (i === j ? { ...SELF_LINK } : { bandwidthMbps: b, latencyMs: lat[i][j], jitterMs: jit[i][j], lossRate: loss[i][j] }))),
  };
}

function positionsOf(draft: Draft): [number, number][] | null {
  if (draft.positions !== undefined) return draft.positions;
  return draft.scenario.nodes.length === draft.base.nodes.length ? draft.base.positions : null;
}

/**
 * A matrix field: one number when uniform, rows otherwise; bandwidth may also name a model of distance
 * ('paper': SEIFER's Wi-Fi field) computed from the positions, with the cells that differ listed after it
 * ('paper,3-5:12.5'), which keeps a 1,000-node geometric cluster to a few characters.
 */
function matrixField(key: MatrixKey): ScenarioField {
  const { range, pick } = MATRICES[key];
  return {
    key,
    write: (s) => {
      const values = s.links.map((row) => row.map(pick));
      return (key === 'bw' && s.positions ? byModel(values, s.positions) : null) ?? writeMatrix(values);
    },
    read: (text, draft) => {
      const size = draft.scenario.nodes.length + 1;
      draft.matrices[key] = /^[a-z]/i.test(text) ? readByModel(key, text, positionsOf(draft), size, range) : readMatrix(key, text, size, range);
    },
  };
}

/** At most this share of cells may differ from a model for 'model,i-j:v,...' to be written. */
const MAX_EXCEPTIONS = 0.02;

function byModel(values: number[][], positions: [number, number][]): string | null {
  if (positions.length !== values.length) return null;
  for (const [name, at] of Object.entries(BANDWIDTH_MODELS)) {
    const model = bandwidthByDistance(positions, at);
    const exceptions: string[] = [];
    const limit = Math.max(4, MAX_EXCEPTIONS * values.length ** 2);
    for (let i = 0; i < values.length && exceptions.length <= limit; i++) {
      for (let j = 0; j < values.length; j++) if (i !== j && values[i][j] !== model[i][j]) exceptions.push(`${i + 1}-${j + 1}:${formatNumber(values[i][j])}`);
    }
    if (exceptions.length <= limit) return [name, ...exceptions].join(',');
  }
  return null;
}

function readByModel(key: string, text: string, positions: [number, number][] | null, size: number, range: Range): number[][] {
  const [name, ...exceptions] = text.split(',');
  const at = BANDWIDTH_MODELS[name];
  if (!at) throw errors.badScenarioField(key, name, `a number, rows of numbers, or one of ${Object.keys(BANDWIDTH_MODELS).join(', ')}`);
  if (!positions || positions.length !== size) throw errors.badScenarioField(key, name, `positions (pos) for all ${size} endpoints, which '${name}' computes bandwidth from`);
  const values = bandwidthByDistance(positions, at);
  // two nodes on one spot would get an unbounded rate: the model's values are checked like typed ones
  values.forEach((row, i) => row.forEach((v, j) => i !== j && !(v >= range[0] && v <= range[1]) && readNumber(`${key}[${i + 1}][${j + 1}] (from '${name}')`, String(v), range)));
  for (const item of exceptions) {
    const m = /^(\d+)-(\d+):(.+)$/.exec(item);
    const [i, j] = m ? [Number(m[1]) - 1, Number(m[2]) - 1] : [-1, -1];
    if (!m || i >= size || j >= size || i === j || i < 0 || j < 0)
      throw errors.badScenarioField(`${key} exception`, item, `row-column:value with two different endpoints in 1..${size}, e.g. 3-5:12.5`);
    values[i][j] = readNumber(`${key}[${i + 1}][${j + 1}]`, m[3], range);
  }
  return values;
}
