/** Reading the JSON files the CLI takes (profiles, clusters, plans, node maps): size checked before reading, errors that say what to fix. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describeError, errors, SeiferError } from '../errors';

/** Files bigger than this are refused before reading: a 2,000-node cluster with latencies takes about 150 MiB. */
const MAX_JSON_BYTES = 160 * 2 ** 20;

/** Files bigger than this say on stderr that they are being read (reading and parsing them takes a second or more). */
const NOTED_JSON_BYTES = 16 * 2 ** 20;

/**
 * Reads a JSON file, refusing up front what is too big to read (and, via `check`, what the text shows is too big).
 * `progress` (the CLI's progress line) hears about files big enough to take a while.
 */
export function readJson(path: string, option: string, check?: (text: string) => string | null, progress?: (label: string, fraction: number) => void): unknown {
  if (!existsSync(path)) throw errors.badOption(option, path, 'the path of a JSON file that exists');
  const size = statSync(path).size;
  if (size > MAX_JSON_BYTES) {
    throw new SeiferError(
      'bad-option',
      `${path} is ${(size / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_JSON_BYTES / 2 ** 20} MiB read`,
      option,
      'Use a smaller file: fewer nodes, or a profile with fewer blocks.',
    );
  }
  const label = `reading ${path} (${(size / 2 ** 20).toFixed(0)} MiB)`;
  const noted = progress !== undefined && size > NOTED_JSON_BYTES;
  if (noted) progress(label, 0);
  const text = readFileSync(path, 'utf8');
  const problem = check?.(text);
  if (problem) throw new SeiferError('bad-option', `${path} ${problem}`, option, 'Use a cluster with fewer nodes.');
  try {
    const parsed: unknown = JSON.parse(text);
    if (noted) progress(label, 1);
    return parsed;
  } catch (error) {
    throw new SeiferError('bad-option', `${path} is not valid JSON: ${describeError(error)}`, option, 'Check the file: it must be one JSON object.');
  }
}

/**
 * A check for readJson: counts the rows of a cluster file's bandwidth matrix without parsing it, so a cluster of
 * more than `maxNodes` is refused before JSON.parse builds n² numbers (the validator checks the parsed cluster exactly).
 */
export function clusterRows(maxNodes: number): (text: string) => string | null {
  return (text) => {
    const key = text.indexOf('"bandwidthMbps"');
    const open = key < 0 ? -1 : text.indexOf('[', key);
    if (open < 0) return null;
    let depth = 0;
    let rows = 0;
    for (let i = open; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 91 /* [ */) {
        // one row more for a dispatcher
        if (++depth === 2 && ++rows > maxNodes + 1) return `has more than ${maxNodes + 1} rows in bandwidthMbps: more nodes than this command takes (${maxNodes} and a dispatcher)`;
      } else if (ch === 93 /* ] */ && --depth === 0) break;
    }
    return null;
  };
}
