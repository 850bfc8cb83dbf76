/** What every `seifer-lab <command>` is: plain data plus a run function, registered in commands/index.ts. */
export interface CliIO {
  /** Results (JSON or tables) go to stdout. */
  out(text: string): void;
  /** Progress lines and human notes go to stderr, so `--json > file` stays clean. */
  err(text: string): void;
  /** A progress line on stderr that rewrites itself on a terminal. */
  progress(label: string, fraction: number): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 ok, 1 invalid input or failed check, 2 infeasible (planner); a throw that is no SeiferError is 70 (main.ts). */
  run(argv: string[], io: CliIO): Promise<number>;
}
