import { describe, expect, it } from 'vitest';
import { randomCluster } from '../../src/ui/lab/cluster-presets';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { scenarioFromFile, scenarioToFile, SCENARIO_FORMAT } from '../../src/ui/lab/scenario-file';
import { writeScenarioFields } from '../../src/ui/lab/scenario-fields';
import { scenarioToHash } from '../../src/ui/lab/scenario-url';
import { UPLOADED_MODEL, type LabScenario } from '../../src/ui/lab/scenario-spec';

const base = defaultScenario();

describe('scenarioToFile(scenario) and scenarioFromFile(text, name, base)', () => {
  it('round-trips a scenario exactly, with the same fields and text as its link', () => {
    const scenario: LabScenario = { ...base, ...randomCluster(30, 9), mode: 'virtual', chaosPerMin: 3, load: { mode: 'open', ratePerSec: 2.5 } };
    const text = scenarioToFile(scenario);
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: SCENARIO_FORMAT, version: 1 });
    // one table drives both: the file's fields are the link's, in the same order, with the same text
    expect(Object.entries(json).slice(2)).toEqual(writeScenarioFields(scenario));
    expect(new URLSearchParams(scenarioToHash(scenario)).get('nodes')).toBe(json.nodes);
    expect(scenarioFromFile(text, 's.json', defaultScenario())).toEqual({ scenario, dropped: [] });
  });

  it('reads numbers typed by hand and leaves out (and names) a bad field', () => {
    const text = JSON.stringify({ format: SCENARIO_FORMAT, version: 1, seed: 42, algo: 'magic', model: 'resnet18' });
    const { scenario, dropped } = scenarioFromFile(text, 'hand.json', base);
    expect(scenario).toEqual({ ...base, seed: 42, model: 'resnet18' });
    expect(dropped.map((e) => e.where)).toEqual(["scenario field 'algo'"]);
  });

  it('keeps a local model when the page that opens the file has it loaded, and says so otherwise', () => {
    const text = scenarioToFile({ ...base, model: UPLOADED_MODEL });
    expect(scenarioFromFile(text, 'a.json', { ...base, model: UPLOADED_MODEL }).dropped).toEqual([]);
    expect(scenarioFromFile(text, 'a.json', base).dropped[0].message).toContain('local file');
  });

  it('refuses what is not a scenario file with a message naming the file', () => {
    const refuse = (text: string) => {
      try {
        scenarioFromFile(text, 'x.json', base);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refuse('{not json')).toBe("The file 'x.json' is not a seifer-lab scenario: it is not JSON (x.json). Open a .json file made by Save in the lab page.");
    expect(refuse('[1,2]')).toContain('not a JSON object');
    expect(refuse('{"format":"other"}')).toContain(`"format" is not "${SCENARIO_FORMAT}"`);
    expect(refuse(`{"format":"${SCENARIO_FORMAT}","version":7}`)).toContain('version 7');
  });
});
