import { describe, expect, it } from 'vitest';
import { faultTarget, parseFaultSpec } from '../../src/emulator/fault-schedule';
import { randomFaultSchedule } from '../../src/emulator/chaos';
import { createRng } from '../../src/util/rng';

describe('parseFaultSpec(kind, text)', () => {
  it('reads node faults as NODE@SECONDS', () => {
    expect(parseFaultSpec('kill', 'n2@5')).toEqual({ kind: 'kill', node: 'n2', atSec: 5 });
    expect(parseFaultSpec('revive', 'n2@7.5')).toEqual({ kind: 'revive', node: 'n2', atSec: 7.5 });
  });

  it('reads a slowdown as NODE@SECONDS[:FACTOR], 4 times slower by default, 1 to end it', () => {
    expect(parseFaultSpec('slow', 'n3@10')).toEqual({ kind: 'slow', node: 'n3', atSec: 10, factor: 4 });
    expect(parseFaultSpec('slow', 'n3@10:1')).toEqual({ kind: 'slow', node: 'n3', atSec: 10, factor: 1 });
  });

  it('reads link faults as A-B@SECONDS, both directions in one fault', () => {
    expect(parseFaultSpec('cut', 'n1-n2@3')).toEqual({ kind: 'cut', from: 'n1', to: 'n2', both: true, atSec: 3 });
    expect(parseFaultSpec('degrade', 'n1-n2@3:20')).toEqual({ kind: 'degrade', from: 'n1', to: 'n2', both: true, atSec: 3, factor: 20 });
    expect(parseFaultSpec('drop', 'n1-n2@3:5')).toEqual({ kind: 'drop', from: 'n1', to: 'n2', both: true, atSec: 3, count: 5 });
    expect(faultTarget(parseFaultSpec('cut', 'n1-n2@3'))).toEqual({ link: 'n1<->n2' });
  });

  it('rejects malformed specs, saying the form', () => {
    expect(() => parseFaultSpec('kill', 'n2')).toThrow(/NODE@SECONDS, e\.g\. n2@5/);
    expect(() => parseFaultSpec('cut', 'n1@3')).toThrow(/A-B@SECONDS/);
    expect(() => parseFaultSpec('kill', 'n2@soon')).toThrow(/--kill/);
    expect(() => parseFaultSpec('kill', 'n2@5:3')).toThrow(/--kill/);
    expect(() => parseFaultSpec('slow', 'n2@5:0.5')).toThrow(/FACTOR from 1/);
    expect(() => parseFaultSpec('drop', 'n1-n2@5')).toThrow(/COUNT/);
    expect(() => parseFaultSpec('cut', 'n1-n1@5')).toThrow(/A-B@SECONDS/);
  });
});

describe('randomFaultSchedule(rng, options)', () => {
  it('is the same for the same seed and repairs every fault before the end', () => {
    const make = () => randomFaultSchedule(createRng(9), { nodeIds: ['a', 'b', 'c'], durationSec: 20, count: 6 });
    expect(make()).toEqual(make());
    const faults = make();
    expect(faults.length).toBe(12);
    expect(faults.every((f) => f.atSec <= 16)).toBe(true);
    expect(faults.filter((f) => f.kind === 'kill' || f.kind === 'hang').length).toBe(faults.filter((f) => f.kind === 'revive').length);
    expect(faults.filter((f) => f.kind === 'cut' || f.kind === 'degrade').length).toBe(faults.filter((f) => f.kind === 'restore').length);
  });
});
