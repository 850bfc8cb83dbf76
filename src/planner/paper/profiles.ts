/**
 * SEIFER's per-model partition-point profiles (data/seifer_model_profiles.json), read into typed
 * data, and turned into a planner Profile for correct mode (float32 tensors sent once, 4-byte parameters).
 * The caller reads the file (fs in Node, fetch in a browser) and passes the parsed JSON.
 */
import { errors } from '../../errors';
import type { Profile } from '../types';

export interface PaperModel {
  name: string;
  /** Cut vertices p_0 (the input) .. p_{n-1} (the output). */
  partitionPoints: string[];
  /** [i]: memory of the layers between p_i and p_{i+1} as SEIFER counts it (parameters as bytes); last entry 0. */
  segmentMemBytes: number[];
  /** [i]: the activation part of segment i (n - 1 entries). */
  segmentActBytes: number[];
  /** [i]: the parameter count of segment i (n - 1 entries). */
  segmentParamCount: number[];
  /**
   * [i]: SEIFER's transfer size after p_i in Mbit (2^20 bit): consumers x elements x 8 B / 1.44; 0 for the output.
   * Recomputed from n_outbound and out_elems in the notebook's order of operations: the file's transfer_mbit is
   * rounded to 6 decimals, enough to move a transfer equal to a histogram edge into the class below it.
   */
  transferMbit: number[];
  nOutbound: number[];
  outElems: number[];
}

const MODEL_FIELDS = {
  partitionPoints: 'partition_points',
  segmentMemBytes: 'segment_mem_bytes',
  segmentActBytes: 'segment_act_bytes',
  segmentParamCount: 'segment_param_count',
  transferMbit: 'transfer_mbit',
  nOutbound: 'n_outbound',
  outElems: 'out_elems',
} as const;

/** Parses the profiles file; throws SeiferError('bad-profile') naming the field when it is not the expected shape. */
export function readPaperModels(json: unknown): Map<string, PaperModel> {
  if (typeof json !== 'object' || json === null) throw errors.badProfile('seifer_model_profiles.json', 'is not a JSON object');
  const models = new Map<string, PaperModel>();
  for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
    if (name.startsWith('_')) continue;
    const entry = raw as Record<string, unknown>;
    const read = (key: string, strings: boolean) => {
      const value = entry?.[key];
      if (!Array.isArray(value) || value.some((v) => (strings ? typeof v !== 'string' : typeof v !== 'number' || !Number.isFinite(v) || v < 0))) {
        throw errors.badProfile(`${name}.${key}`, `is not an array of ${strings ? 'layer names' : 'finite numbers >= 0'}`);
      }
      return value;
    };
    const model = { name } as PaperModel;
    for (const [field, key] of Object.entries(MODEL_FIELDS)) {
      (model as unknown as Record<string, unknown>)[field] = read(key, field === 'partitionPoints');
    }
    const n = model.partitionPoints.length;
    const lengths: [keyof typeof MODEL_FIELDS, number][] = [
      ['segmentMemBytes', n],
      ['segmentActBytes', n - 1],
      ['segmentParamCount', n - 1],
      ['transferMbit', n],
      ['nOutbound', n],
      ['outElems', n],
    ];
    for (const [field, expected] of lengths) {
      if (model[field].length !== expected) throw errors.badProfile(`${name}.${MODEL_FIELDS[field]}`, `has ${model[field].length} entries, expected ${expected}`);
    }
    // output_size_bytes = (elems * 8) / 1.44; mbits = (bytes * 8) / 1024 ** 2; transfer = n_outbound * mbits
    const exact = model.outElems.map((elems, i) => model.nOutbound[i] * ((((elems * 8) / 1.44) * 8) / 1024 ** 2));
    exact.forEach((t, i) => {
      if (Math.abs(t - model.transferMbit[i]) > 1e-5) throw errors.badProfile(`${name}.transfer_mbit[${i}]`, `is ${model.transferMbit[i]}, but n_outbound and out_elems give ${t}`);
    });
    model.transferMbit = exact;
    if (n < 2) throw errors.badProfile(`${name}.partition_points`, 'has fewer than 2 points');
    models.set(name, model);
  }
  return models;
}

/**
 * The correct-mode profile: block i is the segment between p_i and p_{i+1}, holding its activations plus
 * 4 bytes per parameter (the input tensor is added to block 0, which must hold it); a cut sends the float32 tensor
 * once. SEIFER's profiles have no FLOPs, so blocks carry flops 0.
 */
export function correctProfile(model: PaperModel): Profile {
  const n = model.partitionPoints.length;
  const inputBytes = 4 * model.outElems[0];
  const blocks = Array.from({ length: n - 1 }, (_, i) => ({
    name: model.partitionPoints[i + 1],
    memoryBytes: model.segmentActBytes[i] + 4 * model.segmentParamCount[i] + (i === 0 ? inputBytes : 0),
    flops: 0,
    outBytes: 4 * model.outElems[i + 1],
  }));
  return { model: model.name, inputBytes, outputBytes: blocks[blocks.length - 1].outBytes, blocks };
}
