/**
 * A scenario as a file (Save and Open in the page): JSON holding the same fields, as the same text, as a share
 * link (scenario-fields.ts), with a format name and version so a file says what it is.
 */
import { errors } from '../../errors';
import { readScenarioFields, writeScenarioFields, type ReadFields } from './scenario-fields';
import type { LabScenario } from './scenario-spec';

export const SCENARIO_FORMAT = 'seifer-lab-scenario';
export const SCENARIO_VERSION = 1;
/** Bigger files are refused before parsing (four full 1,000-node matrices take about 30 MB). */
export const MAX_SCENARIO_FILE_BYTES = 64 * 2 ** 20;

export function scenarioToFile(scenario: LabScenario): string {
  return `${JSON.stringify({ format: SCENARIO_FORMAT, version: SCENARIO_VERSION, ...Object.fromEntries(writeScenarioFields(scenario)) }, null, 1)}\n`;
}

/** Reads a file's text; missing fields keep `base`'s values, bad ones are left out and reported. */
export function scenarioFromFile(text: string, fileName: string, base: LabScenario): ReadFields {
  if (text.length > MAX_SCENARIO_FILE_BYTES) throw errors.badScenarioFile(fileName, `it has ${text.length} characters, more than ${MAX_SCENARIO_FILE_BYTES}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw errors.badScenarioFile(fileName, 'it is not JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw errors.badScenarioFile(fileName, 'it is not a JSON object');
  const fields = data as Record<string, unknown>;
  if (fields.format !== SCENARIO_FORMAT) throw errors.badScenarioFile(fileName, `its "format" is not "${SCENARIO_FORMAT}"`);
  if (fields.version !== SCENARIO_VERSION) throw errors.badScenarioFile(fileName, `it is version ${String(fields.version).slice(0, 20)}; this page reads version ${SCENARIO_VERSION}`);
  // a number typed by hand ("seed": 3) is read as its text; anything else that is not text is a bad field
  const get = (key: string) => {
    const value = Object.hasOwn(fields, key) ? fields[key] : undefined;
    return value === undefined ? undefined : typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  };
  return readScenarioFields(get, base);
}
