import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../src/ui/lab/event-log';

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
