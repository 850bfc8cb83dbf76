import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../src/emulator/fault-schedule';
import { randomFaultSchedule } from '../../src/emulator/chaos';
import { createRng } from '../../src/util/rng';

describe('parseFaultSpec(kind, text)', () => {
  it('reads node faults as NODE@SECONDS', () => {
    expect(parseFaultSpec('kill', 'n2@5')).toEqual([{ kind: 'kill', node: 'n2', atSec: 5 }]);
    expect(parseFaultSpec('revive', 'n2@7.5')).toEqual([{ kind: 'revive', node: 'n2', atSec: 7.5 }]);
  });

  it('reads link faults as A-B@SECONDS, both directions', () => {
    expect(parseFaultSpec('cut', 'n1-n2@3')).toEqual([
      { kind: 'cut', from: 'n1', to: 'n2', atSec: 3 },
      { kind: 'cut', from: 'n2', to: 'n1', atSec: 3 },
    ]);
  });

  it('rejects malformed specs, saying the form', () => {
    expect(() => parseFaultSpec('kill', 'n2')).toThrow(/NODE@SECONDS, e\.g\. n2@5/);
    expect(() => parseFaultSpec('cut', 'n1@3')).toThrow(/A-B@SECONDS/);
    expect(() => parseFaultSpec('kill', 'n2@soon')).toThrow(/--kill/);
  });
});

describe('randomFaultSchedule(rng, options)', () => {
  it('is the same for the same seed and repairs every fault before the end', () => {
    const make = () => randomFaultSchedule(createRng(9), { nodeIds: ['a', 'b', 'c'], durationSec: 20, count: 4 });
    expect(make()).toEqual(make());
    const faults = make();
    expect(faults.length).toBe(8);
    expect(faults.every((f) => f.atSec <= 16)).toBe(true);
    expect(faults.filter((f) => f.kind === 'kill' || f.kind === 'hang').length).toBe(faults.filter((f) => f.kind === 'revive').length);
  });
});
