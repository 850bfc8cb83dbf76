import { describe, expect, it } from 'vitest';
import { uniformScenario } from '../../src/emulator/scenario';
import { LinkFaults, pairKey } from '../../src/ui/lab/link-faults';

function setup() {
  const scenario = uniformScenario(3, { memoryBytes: 1, gflops: 1 }, { bandwidthMbps: 50, latencyMs: 2, jitterMs: 0, lossRate: 0 });
  const calls: string[] = [];
  const changes: { from: string; to: string; change: Record<string, number> }[][] = [];
  const dispatcher = {
    cutLink: (a: string, b: string) => void calls.push(`cut ${a}->${b}`),
    restoreLink: (a: string, b: string) => void calls.push(`restore ${a}->${b}`),
    degradeLinks: (c: { from: string; to: string; change: Record<string, number> }[], where: { node?: string; link?: string }) => {
      calls.push(`degrade ${where.node ?? where.link} x${c.length}`);
      changes.push(c);
    },
  };
  return { faults: new LinkFaults(scenario, dispatcher), calls, changes };
}

describe('pairKey(a, b)', () => {
  it('is the same either way round', () => {
    expect(pairKey('n2', 'n1')).toBe(pairKey('n1', 'n2'));
  });
});

describe('LinkFaults', () => {
  it('cuts and restores both directions of a link', () => {
    const { faults, calls } = setup();
    faults.cut('n1', 'n2');
    expect(faults.state('n2', 'n1')).toBe('cut');
    faults.restore('n2', 'n1');
    expect(faults.state('n1', 'n2')).toBe('ok');
    expect(calls).toEqual(['cut n1->n2', 'cut n2->n1', 'restore n2->n1', 'restore n1->n2']);
  });

  it('degrades a link to a tenth of its bandwidth and restores the configured values', () => {
    const { faults, changes } = setup();
    faults.degrade('n1', 'dispatcher');
    expect(faults.faulty()).toEqual([{ a: 'dispatcher', b: 'n1', state: 'degraded' }]);
    expect(changes[0].map((c) => c.change.bandwidthMbps)).toEqual([5, 5]);
    faults.restore('n1', 'dispatcher');
    expect(changes[1].map((c) => c.change)).toEqual([
      { bandwidthMbps: 50, latencyMs: 2, jitterMs: 0, lossRate: 0 },
      { bandwidthMbps: 50, latencyMs: 2, jitterMs: 0, lossRate: 0 },
    ]);
  });

  it('slows every link of a node in one change, and brings them back', () => {
    const { faults, calls, changes } = setup();
    faults.slow('n3');
    expect(faults.isSlowed('n3')).toBe(true);
    expect(calls).toEqual(['degrade n3 x6']);
    expect(new Set(changes[0].map((c) => c.change.bandwidthMbps))).toEqual(new Set([5]));
    faults.slow('n3');
    expect(calls).toHaveLength(1);
    faults.unslow('n3');
    expect(faults.isSlowed('n3')).toBe(false);
    expect(new Set(changes[1].map((c) => c.change.bandwidthMbps))).toEqual(new Set([50]));
  });

  it('refuses endpoints that are not in the scenario', () => {
    const { faults } = setup();
    expect(() => faults.cut('n1', 'n9')).toThrow(RangeError);
  });
});
