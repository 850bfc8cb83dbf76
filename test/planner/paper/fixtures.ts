/** The SEIFER profiles shipped in data/, parsed once for the paper-mode tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPaperModels, type PaperModel } from '../../../src/planner/paper/profiles';

const path = fileURLToPath(new URL('../../../data/seifer_model_profiles.json', import.meta.url));
export const paperModels: Map<string, PaperModel> = readPaperModels(JSON.parse(readFileSync(path, 'utf8')));

export function paperModel(name: string): PaperModel {
  const model = paperModels.get(name);
  if (!model) throw new Error(`no profile for ${name}`);
  return model;
}
