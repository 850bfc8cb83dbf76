import { toProfile } from '../../model/index';
import type { Command } from '../command';
import { flagOption, parseCommandArgs } from '../args';
import { formatBytes, formatCount, table } from '../format';
import { analyzeModelArg, MODEL_OPTIONS_USAGE, modelOptions } from './shared-options';

export const profileCommand: Command = {
  name: 'profile',
  summary: 'The block chain the planner consumes (memory, FLOPs and transfer bytes per block).',
  usage: `seifer-lab profile <zoo-name|file.onnx> ${MODEL_OPTIONS_USAGE} [--json]`,
  async run(argv, io) {
    const args = parseCommandArgs(argv, modelOptions, this.usage);
    const { analysis } = await analyzeModelArg(args, io, this.usage);
    const profile = toProfile(analysis);
    if (flagOption(args, 'json')) {
      io.out(JSON.stringify(profile, null, 2));
      return 0;
    }
    io.out(`${profile.model}: input ${formatBytes(profile.inputBytes)}, output ${formatBytes(profile.outputBytes)}, ${profile.blocks.length} blocks\n`);
    io.out(
      table(
        ['block', 'name', 'memory', 'FLOPs', 'out', 'out tensors'],
        profile.blocks.map((b, i) => [i, b.name, formatBytes(b.memoryBytes), formatCount(b.flops), formatBytes(b.outBytes), b.outTensors ?? 1]),
      ),
    );
    return 0;
  },
};
