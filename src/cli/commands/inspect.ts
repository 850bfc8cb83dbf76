import { summarize, type Model, type ModelSummary } from '../../model/index';
import type { Command } from '../command';
import { flagOption, parseCommandArgs } from '../args';
import { formatBytes, formatCount, formatFlops, table } from '../format';
import { analyzeModelArg, MODEL_OPTIONS_USAGE, modelOptions } from './shared-options';

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Read a model: inputs, outputs, parameters, FLOPs, cut points and blocks.',
  usage: `seifer-lab inspect <zoo-name|file.onnx> ${MODEL_OPTIONS_USAGE} [--json]`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, modelOptions, this.usage);
    const { analysis } = await analyzeModelArg(args, io, this.usage);
    const summary = summarize(analysis);
    if (flagOption(args, 'json')) {
      io.out(JSON.stringify(summary, null, 2));
      return 0;
    }
    const tensors = (list: typeof summary.inputs) => list.map((t) => `${t.name} ${t.dtype}[${t.shape.join('x')}]`).join(', ');
    io.out(
      [
        `${summary.name}: opset ${summary.opset}, IR ${summary.irVersion}${summary.producer ? `, from ${summary.producer}` : ''}`,
        `  ${summary.nodeCount} nodes, ${formatCount(summary.paramCount)} parameters (${formatBytes(summary.paramBytes)}), ${formatFlops(summary.flops)}`,
        `  inputs:  ${tensors(summary.inputs)}`,
        `  outputs: ${tensors(summary.outputs)}`,
        `  ${summary.cutCount} single-tensor cut points (+${summary.multiTensorCutCount} multi-tensor), ${summary.blocks.length} blocks (shapes ${summary.shapeSource})`,
        ...fixedLines(summary),
        ...keptIfLines(analysis.model),
        '',
        table(
          ['block', 'nodes', 'last node', 'params', 'peak act.', 'FLOPs', 'out', 'out tensors'],
          summary.blocks.map((b) => [b.index, b.nodeCount, b.lastNode, formatBytes(b.paramBytes), formatBytes(b.activationBytes), formatCount(b.flops), formatBytes(b.outBytes), b.outTensors]),
        ),
      ].join('\n'),
    );
    return 0;
  },
};

/** Ifs left whole are one block each: say how to open them. */
function keptIfLines(model: Model): string[] {
  const kept = model.graph.nodes.filter((n) => n.opType === 'If' && n.domain === '').length;
  if (kept === 0) return [];
  return [`  ${kept} If node(s) kept whole: their condition is only known at run time; fixing the input it depends on (--input-value name=N) inlines the branch it takes`];
}

/** What --input-value fixed, and the Ifs it decided. */
function fixedLines(summary: ModelSummary): string[] {
  const fixed = Object.entries(summary.fixedInputs).map(([name, values]) => `${name}=${values.length === 1 ? values[0] : `[${values.join(',')}]`}`);
  if (fixed.length === 0 && summary.inlinedIfs.length === 0) return [];
  return [`  fixed inputs: ${fixed.join(', ') || 'none'}; If nodes inlined: ${summary.inlinedIfs.map((n) => `'${n}'`).join(', ') || 'none'}`];
}
