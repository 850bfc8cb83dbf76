/** seifer-lab command line: the same core as the page, headless. */
import { describeError, errors, SeiferError } from '../errors';
import type { CliIO, Command } from './command';
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
  return runCommand(command, rest, io);
}

/** Runs one command: its exit code, or 1 for bad input and EXIT_INTERNAL_ERROR for anything else it throws. */
export async function runCommand(command: Command, argv: string[], io: CliIO): Promise<number> {
  const name = command.name;
  try {
    return await command.run(argv, io);
  } catch (error) {
    // A person reads this: the message, never a stack trace (set SEIFER_DEBUG=1 for one). Bad input is exit 1;
    // anything else escaping a command (TypeError, RangeError, ...) is a bug of ours, exit 70, so scripts can tell.
    const isInput = error instanceof SeiferError;
    io.err(`seifer-lab ${name}: ${isInput ? describeError(error) : errors.internal(describeError(error)).message}`);
    if (process.env.SEIFER_DEBUG && error instanceof Error) io.err(error.stack ?? '');
    return isInput ? 1 : EXIT_INTERNAL_ERROR;
  }
}

/** Exit code of a programmer error (EX_SOFTWARE in sysexits.h); bad input is 1. */
export const EXIT_INTERNAL_ERROR = 70;

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'seifer-lab: split a DNN across an emulated edge cluster, plan it, run it, break it.',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'seifer-lab <command> --help shows the options of one command.',
    '',
    `exit codes: 0 done, 1 bad input or a failed check (the message says what and where), 2 infeasible plan,`,
    `${EXIT_INTERNAL_ERROR} internal error (a bug in seifer-lab; SEIFER_DEBUG=1 adds the stack trace).`,
  ].join('\n');
}
