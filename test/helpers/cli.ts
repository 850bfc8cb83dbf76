/** Runs the CLI in-process and captures what it prints. */
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/command';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    out: (text) => void (stdout += text + '\n'),
    err: (text) => void (stderr += text + '\n'),
    progress: () => undefined,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
