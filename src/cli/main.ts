/** seifer-lab command line: the same core as the page, headless. */
import { describeError, SeiferError } from '../errors';
import type { CliIO } from './command';
import { commands } from './commands/index';
import { processIO } from './io';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(helpText());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`seifer-lab: unknown command '${name}'.\n\n${helpText()}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // A person reads this: the message, never a stack trace (set SEIFER_DEBUG=1 for one).
    io.err(`seifer-lab ${name}: ${describeError(error)}`);
    if (process.env.SEIFER_DEBUG && error instanceof Error) io.err(error.stack ?? '');
    return error instanceof SeiferError || error instanceof TypeError || error instanceof RangeError ? 1 : 3;
  }
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'seifer-lab: split a DNN across an emulated edge cluster, plan it, run it, break it.',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'seifer-lab <command> --help shows the options of one command.',
  ].join('\n');
}
