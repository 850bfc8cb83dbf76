import { describe, expect, it } from 'vitest';
import type { LinkChange, WorldControl } from '../../src/emulator/backend';
import { FaultInjector } from '../../src/emulator/fault-injector';
import { uniformScenario } from '../../src/emulator/scenario';
import { CPU_SLOWDOWN, DEGRADE_FACTOR, faultyPairs, linkFault, nodeFault } from '../../src/ui/lab/link-faults';

/** A world that records what was done to it. */
function setup() {
  const scenario = uniformScenario(3, { memoryBytes: 1, gflops: 2 }, { bandwidthMbps: 50, latencyMs: 2, jitterMs: 0, lossRate: 0 });
  const calls: string[] = [];
  const world: WorldControl = {
    kill: (n) => void calls.push(`kill ${n}`),
    hang: (n) => void calls.push(`hang ${n}`),
    revive: (n) => void calls.push(`revive ${n}`),
    setNodeSpeed: (n, g) => void calls.push(`speed ${n} ${g}`),
    setLink: (a, b, c: LinkChange) => void calls.push(`link ${a}->${b} ${c.bandwidthMbps}`),
    setLinkUp: (a, b, up) => void calls.push(`${up ? 'up' : 'down'} ${a}->${b}`),
    dropMessages: (a, b, n) => void calls.push(`drop ${a}->${b} ${n}`),
  };
  const injector = new FaultInjector(world, scenario);
  return { injector, calls, ids: ['n1', 'n2', 'n3', 'dispatcher'] };
}

describe('linkFault(action, a, b) and the injector', () => {
  it('cuts and restores both directions of a link, and shows it as one pair', () => {
    const { injector, calls, ids } = setup();
    injector.apply(linkFault('cut', 'n2', 'n1', 0));
    expect(faultyPairs(injector, ids)).toEqual([{ a: 'n1', b: 'n2', state: 'cut' }]);
    injector.apply(linkFault('restore', 'n1', 'n2', 1));
    expect(faultyPairs(injector, ids)).toEqual([]);
    expect(calls).toEqual(['down n2->n1', 'down n1->n2', 'link n1->n2 50', 'up n1->n2', 'link n2->n1 50', 'up n2->n1']);
  });

  it('degrades a link to a tenth of its bandwidth and restores the configured rate', () => {
    const { injector, calls, ids } = setup();
    injector.apply(linkFault('degrade', 'n1', 'dispatcher', 0));
    expect(faultyPairs(injector, ids)).toEqual([{ a: 'dispatcher', b: 'n1', state: 'degraded' }]);
    expect(calls).toEqual([`link n1->dispatcher ${50 / DEGRADE_FACTOR}`, `link dispatcher->n1 ${50 / DEGRADE_FACTOR}`]);
    injector.apply(linkFault('restore', 'n1', 'dispatcher', 1));
    expect(calls.slice(2)).toEqual(['link n1->dispatcher 50', 'link dispatcher->n1 50']);
  });
});

describe('nodeFault(action, node, injector)', () => {
  it('slows every link of a node, and brings them back', () => {
    const { injector, calls } = setup();
    injector.apply(nodeFault('slow', 'n3', injector, 0));
    expect(injector.radioFactor('n3')).toBe(DEGRADE_FACTOR);
    expect(calls.filter((c) => c.startsWith('link'))).toHaveLength(6);
    expect(new Set(calls.map((c) => c.split(' ')[2]))).toEqual(new Set([String(50 / DEGRADE_FACTOR)]));
    injector.apply(nodeFault('unslow', 'n3', injector, 1));
    expect(injector.radioFactor('n3')).toBe(1);
    expect(new Set(calls.slice(6).map((c) => c.split(' ')[2]))).toEqual(new Set(['50']));
  });

  it('slowCpu toggles: four times slower, then back to the configured speed', () => {
    const { injector, calls } = setup();
    injector.apply(nodeFault('slowCpu', 'n1', injector, 0));
    injector.apply(nodeFault('slowCpu', 'n1', injector, 1));
    expect(calls).toEqual([`speed n1 ${2 / CPU_SLOWDOWN}`, 'speed n1 2']);
  });

  it('refuses endpoints that are not in the scenario', () => {
    const { injector } = setup();
    expect(() => injector.apply(linkFault('cut', 'n1', 'n9', 0))).toThrow(RangeError);
    expect(() => injector.apply(nodeFault('kill', 'dispatcher', injector, 0))).toThrow(/dispatcher itself/);
  });
});
