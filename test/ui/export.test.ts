import { describe, expect, it } from 'vitest';
import { faultsCsv, metricsCsv, resultsJson, toCsv } from '../../src/ui/lab/export';
import { defaultScenario } from '../../src/ui/lab/default-scenario';

describe('toCsv(header, rows)', () => {
  it('quotes fields with commas, quotes or line breaks, and leaves null empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [null, 1.23456],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n,1.235\r\n');
  });
});

describe('metricsCsv(points) and faultsCsv(faults)', () => {
  it('write one row per sample or fault under a fixed header', () => {
    const csv = metricsCsv([{ atSec: 1.5, throughputPerSec: 9.8, predictedPerSec: 11.7, latencyMs: { p50: 600, p95: 900, p99: null }, completed: 12 }]);
    expect(csv.split('\r\n')).toEqual(['atSec,throughputPerSec,predictedPerSec,p50Ms,p95Ms,p99Ms,completed', '1.5,9.8,11.7,600,900,,12', '']);
    const faults = faultsCsv([{ kind: 'cut', link: 'n1->n2', atSec: 3, detectMs: 750, replanMs: 2, redeployMs: 40, firstResultMs: 900, resent: 3, outcome: 'replanned', detectedBy: 'stall' }]);
    expect(faults.split('\r\n')[1]).toBe('cut,n1->n2,3,750,stall,2,40,900,3,replanned');
  });
});

describe('resultsJson(run)', () => {
  it('is JSON that reads back with the scenario intact', () => {
    const scenario = defaultScenario();
    const parsed = JSON.parse(resultsJson({ scenario, model: null, plan: null, sample: null, history: [], faults: [], events: [] }));
    expect(parsed.exportedBy).toBe('seifer-lab');
    expect(parsed.scenario).toEqual(scenario);
  });
});
