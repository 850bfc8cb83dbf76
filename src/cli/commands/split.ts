import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { balancedCuts, splitModel, verifyChain } from '../../model/index';
import type { Command } from '../command';
import { flagOption, numberOption, parseCommandArgs, stringOption } from '../args';
import { formatBytes, table } from '../format';
import { analyzeModelArg, MODEL_OPTIONS_USAGE, modelOptions } from './shared-options';

/** Chained output may differ from the whole model's by float rounding only (ORT fuses differently once cut). */
const TOLERANCE = 1e-4;

export const splitCommand: Command = {
  name: 'split',
  summary: 'Slice a model into K stage models at FLOPs-balanced cuts; --verify runs whole vs chained.',
  usage: `seifer-lab split <zoo-name|file.onnx> --stages K [--out DIR] [--verify] [--seed S] ${MODEL_OPTIONS_USAGE} [--json]`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, { ...modelOptions, stages: { type: 'string' }, out: { type: 'string' }, verify: { type: 'boolean' } }, this.usage);
    const stageCount = numberOption(args, 'stages', 2, { integer: true, min: 1 });
    const seed = numberOption(args, 'seed', 1, { integer: true, min: 0 });
    const { loaded, source, analysis } = await analyzeModelArg(args, io, this.usage);
    const cuts = balancedCuts(analysis.blocks, stageCount);
    io.progress('slicing', 0);
    const stages = splitModel(analysis, cuts);
    io.progress('slicing', 1);
    const outDir = stringOption(args, 'out');
    const files: string[] = [];
    if (outDir) {
      mkdirSync(outDir, { recursive: true });
      for (const stage of stages) {
        const file = join(outDir, `${loaded.name.replace(/[^\w.-]+/g, '_')}.stage${stage.index}.onnx`);
        writeFileSync(file, stage.bytes);
        files.push(file);
      }
    }
    let maxAbsDiff: number | undefined;
    if (flagOption(args, 'verify')) {
      io.progress('verifying', 0);
      // against the model as read (fixed inputs fed their value), so an inlined If is checked too
      maxAbsDiff = (await verifyChain(analysis, stages, seed, source.bytes())).maxAbsDiff;
      io.progress('verifying', 1);
    }
    const result = {
      model: loaded.name,
      cuts,
      stages: stages.map((s, i) => ({ bytes: s.bytes.byteLength, nodeCount: s.nodeCount, inputs: s.inputs, outputs: s.outputs, ...(files[i] ? { file: files[i] } : {}) })),
      ...(maxAbsDiff !== undefined ? { maxAbsDiff } : {}),
    };
    const failed = maxAbsDiff !== undefined && !(maxAbsDiff <= TOLERANCE);
    if (flagOption(args, 'json')) io.out(JSON.stringify(result, null, 2));
    else {
      io.out(
        table(
          ['stage', 'nodes', 'bytes', 'inputs', 'outputs', 'file'],
          result.stages.map((s, i) => [i, s.nodeCount, formatBytes(s.bytes), s.inputs.join(','), s.outputs.join(','), files[i] ?? '']),
        ),
      );
      if (maxAbsDiff !== undefined) io.out(`maxAbsDiff ${maxAbsDiff.toExponential(2)} (${failed ? 'FAILED: above' : 'within'} ${TOLERANCE})`);
    }
    if (failed) io.err(`seifer-lab split: the chained stages differ from the whole model by ${maxAbsDiff} (> ${TOLERANCE})`);
    return failed ? 1 : 0;
  },
};
