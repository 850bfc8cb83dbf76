/** Options several model commands share: the model argument, --input-shape, --input-value and --seed. */
import { analyzeModel, encodeModel, type ModelAnalysis } from '../../model/index';
import { parseInputValues } from '../../model/input-values';
import { combineInputShapes } from '../../model/shapes/index';
import { errors } from '../../errors';
import type { CliIO } from '../command';
import { listOption, numberOption, type OptionSpec, type ParsedArgs } from '../args';
import { loadModelArg, type LoadedModel } from '../model-source';

export const modelOptions: OptionSpec = {
  'input-shape': { type: 'string', multiple: true },
  'input-value': { type: 'string', multiple: true },
  seed: { type: 'string' },
  json: { type: 'boolean' },
};

/** The usage text of the shared model options. */
export const MODEL_OPTIONS_USAGE = '[--input-shape name=1x3x224x224]... [--input-value name=number]...';

export interface AnalyzedArg {
  /** The model as analysed (inputs given by --input-value are constants, the Ifs they decide inlined): what stages are cut from. */
  loaded: LoadedModel;
  /** The model as read from the file or generated. */
  source: LoadedModel;
  analysis: ModelAnalysis;
}

export async function analyzeModelArg(args: ParsedArgs, io: CliIO, usage: string): Promise<AnalyzedArg> {
  const [modelArg, ...extra] = args.positionals;
  if (!modelArg) throw errors.badArguments('Name a model: a zoo name (see seifer-lab models) or an .onnx file', usage);
  if (extra.length > 0) throw errors.badArguments(`One model at a time, but also got '${extra.join(' ')}'`, usage);
  const seed = numberOption(args, 'seed', 1, { integer: true, min: 0 });
  const shapes = combineInputShapes(listOption(args, 'input-shape'));
  const inputValues = parseInputValues(listOption(args, 'input-value'));
  const source = loadModelArg(modelArg, io, seed);
  io.progress(`profiling ${source.name}`, 0);
  const analysis = await analyzeModel(source.model, { name: source.name, inputShape: shapes ?? source.entry?.inputShape, inputValues });
  io.progress(`profiling ${source.name}`, 1);
  if (analysis.model === source.model) return { loaded: source, source, analysis };
  let bytes: Uint8Array | undefined;
  return { loaded: { ...source, model: analysis.model, bytes: () => (bytes ??= encodeModel(analysis.model)) }, source, analysis };
}
