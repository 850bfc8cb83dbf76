/** Argument parsing for the CLI: node:util parseArgs, with errors a person can act on. */
import { parseArgs } from 'node:util';
import { describeError, errors } from '../errors';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

export function parseCommandArgs(argv: string[], options: OptionSpec, usage: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    // node:util's parseArgs throws TypeErrors whose message is the whole story
    const detail = error instanceof TypeError ? error.message : describeError(error);
    throw errors.badArguments(detail.replace(/\. To specify.*$/s, '').replace(/\.$/, ''), usage);
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A number option with a range check; `fallback` when absent. */
export function numberOption(args: ParsedArgs, name: string, fallback: number, { min = -Infinity, max = Infinity, integer = false } = {}): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const range = `${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` <= ${max}` : ''}`;
    throw errors.badOption(`--${name}`, text, range);
  }
  return value;
}
