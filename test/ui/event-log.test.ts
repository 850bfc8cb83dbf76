import { describe, expect, it } from 'vitest';
import { describeEvent, describeFault, describeObservation } from '../../src/ui/lab/event-log';

describe('describeEvent(event, atSec)', () => {
  it('words injected faults, what was noticed and re-plans, and marks them for the chart', () => {
    expect(describeEvent({ kind: 'injected', atMs: 0, fault: { kind: 'kill', node: 'n2', atSec: 4.5 } }, 4.5)).toEqual({
      atSec: 4.5,
      text: 'kill n2',
      short: 'kill n2',
      mark: 'fault',
      kind: 'injected',
    });
    expect(describeEvent({ kind: 'observed', atMs: 0, observation: { id: 1, atMs: 0, what: 'node-down', node: 'n2', how: 'heartbeats' } }, 5)).toMatchObject({
      text: 'noticed: n2 is down (missed heartbeats)',
      mark: 'detect',
    });
    expect(describeEvent({ kind: 'injected', atMs: 0, fault: { kind: 'revive', node: 'n2', atSec: 9 } }, 9)?.mark).toBe('repair');
    expect(describeEvent({ kind: 'phase', atMs: 0, phase: 'paused', reason: 'no memory' }, 1)?.text).toBe('phase: paused (no memory)');
  });

  it('leaves results, confirmations and no-change decisions out of the log', () => {
    expect(describeEvent({ kind: 'result', atMs: 0, requestId: 1, latencyMs: 3 }, 1)).toBeNull();
    expect(describeEvent({ kind: 'confirmed', atMs: 0, node: 'n1', epoch: 1 }, 1)).toBeNull();
    expect(describeEvent({ kind: 'decision', atMs: 0, causes: [1], outcome: 'no-change', replanMs: 0 }, 1)).toBeNull();
  });
});

describe('describeFault(fault)', () => {
  it('calls a slowed CPU a slow CPU, and its end a repair', () => {
    expect(describeFault({ kind: 'slow', node: 'n3', factor: 4, atSec: 1 })).toEqual({ text: 'slow CPU n3 (4x slower)', short: 'slow n3', isRepair: false });
    expect(describeFault({ kind: 'slow', node: 'n3', factor: 1, atSec: 1 }).isRepair).toBe(true);
    expect(describeFault({ kind: 'cut', from: 'n1', to: 'n2', both: true, atSec: 1 }).text).toBe('cut n1-n2');
  });
});

describe('describeObservation(observation)', () => {
  it('says what was measured against what was configured', () => {
    expect(describeObservation({ id: 1, atMs: 0, what: 'node-speed', node: 'n1', gflops: 0.25, nominalGflops: 1 }).text).toBe('n1 computes at 0.25 GFLOPS (configured 1.0)');
  });
});
