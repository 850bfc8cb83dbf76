import type { CliIO } from './command';

/** The process's stdout/stderr; progress redraws one line on a terminal and prints every 10 % otherwise. */
export function processIO(): CliIO {
  const tty = Boolean(process.stderr.isTTY);
  const lastDecile = new Map<string, number>();
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    progress(label, fraction) {
      const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      if (tty) {
        process.stderr.write(`\r${label} ${String(percent).padStart(3)}%${percent >= 100 ? '\n' : ''}`);
        return;
      }
      const decile = Math.floor(percent / 10);
      if (lastDecile.get(label) === decile) return;
      lastDecile.set(label, decile);
      process.stderr.write(`${label} ${percent}%\n`);
    },
  };
}
