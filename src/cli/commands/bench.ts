import type { Command } from '../command';
import { benchSuites } from '../../../bench/index';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run a benchmark suite and print its figures (progress on stderr).',
  usage: `seifer-lab bench <${'suite'}> [options]   (suites: see seifer-lab bench --list)`,
  async run(argv, io) {
    const [suiteName, ...rest] = argv;
    if (!suiteName || suiteName === '--list') {
      for (const s of benchSuites) io.out(`${s.name.padEnd(10)} ${s.summary}`);
      return suiteName ? 0 : 1;
    }
    const suite = benchSuites.find((s) => s.name === suiteName);
    if (!suite) {
      io.err(`seifer-lab bench: no suite '${suiteName}'; suites: ${benchSuites.map((s) => s.name).join(', ')}`);
      return 1;
    }
    return suite.run(rest, io);
  },
};
