/** Options several model commands share: the model argument, --input-shape and --seed. */
import { analyzeModel, type ModelAnalysis } from '../../model/index';
import { parseInputShape } from '../../model/shapes/index';
import { errors } from '../../errors';
import type { CliIO } from '../command';
import { numberOption, stringOption, type OptionSpec, type ParsedArgs } from '../args';
import { loadModelArg, type LoadedModel } from '../model-source';

export const modelOptions: OptionSpec = {
  'input-shape': { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
};

export interface AnalyzedArg {
  loaded: LoadedModel;
  analysis: ModelAnalysis;
}

export async function analyzeModelArg(args: ParsedArgs, io: CliIO, usage: string): Promise<AnalyzedArg> {
  const [modelArg, ...extra] = args.positionals;
  if (!modelArg) throw errors.badArguments('Name a model: a zoo name (see seifer-lab models) or an .onnx file', usage);
  if (extra.length > 0) throw errors.badArguments(`One model at a time, but also got '${extra.join(' ')}'`, usage);
  const seed = numberOption(args, 'seed', 1, { integer: true, min: 0 });
  const shapeText = stringOption(args, 'input-shape');
  const loaded = loadModelArg(modelArg, io, seed);
  const inputShape = shapeText ? parseInputShape(shapeText) : loaded.entry?.inputShape;
  io.progress(`profiling ${loaded.name}`, 0);
  const analysis = await analyzeModel(loaded.model, { name: loaded.name, inputShape });
  io.progress(`profiling ${loaded.name}`, 1);
  return { loaded, analysis };
}
