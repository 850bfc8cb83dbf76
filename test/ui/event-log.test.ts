import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { describeEvent, withFaultName, type LogEntry } from '../../src/ui/lab/event-log';
import { LiveRun } from '../../src/ui/lab/live-run';
import { spawnThreadNode } from '../../src/workers/spawn-node';

describe('describeEvent(event, atSec)', () => {
  it('words faults, detections and replans, and marks them for the chart', () => {
    const fault = { kind: 'kill' as const, node: 'n2', atMs: 0, detectedAtMs: null, replanMs: null, redeployStartMs: null, redeployedAtMs: null, firstResultAtMs: null, resent: 0, outcome: 'pending' as const };
    expect(describeEvent({ kind: 'fault', atMs: 0, fault }, 4.5)).toEqual({ atSec: 4.5, text: 'kill n2', short: 'kill n2', mark: 'fault', kind: 'fault' });
    expect(describeEvent({ kind: 'node-down', atMs: 0, node: 'n2' }, 5)?.mark).toBe('detect');
    expect(describeEvent({ kind: 'fault', atMs: 0, fault: { ...fault, kind: 'revive' } }, 9)?.mark).toBe('repair');
    expect(describeEvent({ kind: 'phase', atMs: 0, phase: 'paused', reason: 'no memory' }, 1)?.text).toBe('phase: paused (no memory)');
  });

  it('leaves results out of the log', () => {
    expect(describeEvent({ kind: 'result', atMs: 0, requestId: 1, latencyMs: 3 }, 1)).toBeNull();
  });
});

describe('withFaultName(name, repair, action)', () => {
  it("logs a slowed CPU as 'slow CPU' and its repair as 'restore CPU', not as 'degrade', on a live run", async () => {
    const analysis = await analyzeModel(buildTinyCnn(), { name: 'tiny', inputShape: [1, 3, 32, 32] });
    const log: LogEntry[] = [];
    const scenario = { ...defaultScenario(), mode: 'virtual' as const, timeScale: 0.05 };
    const run = await LiveRun.start({ scenario, analysis, spawn: spawnThreadNode, onProgress: () => undefined, onEvent: (e) => {
      const entry = describeEvent(e, 0);
      if (entry?.kind === 'fault') log.push(entry);
    } });
    try {
      withFaultName('slow CPU', false, () => run.slowCpu('n2'));
      withFaultName('restore CPU', true, () => run.slowCpu('n2'));
      run.links.slow('n3');
      expect(log.map((e) => [e.text, e.mark])).toEqual([['slow CPU n2', 'fault'], ['restore CPU n2', 'repair'], ['degrade n3', 'fault']]);
    } finally {
      run.dispose();
    }
  });
});
