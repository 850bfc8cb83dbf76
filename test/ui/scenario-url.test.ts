import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { MAX_HASH_CHARS, scenarioFromHash, scenarioToHash } from '../../src/ui/lab/scenario-url';

const base = defaultScenario();

function parseError(hash: string): string {
  const parsed = scenarioFromHash(hash, base);
  if (parsed.ok) throw new Error(`expected an error for ${hash.slice(0, 80)}`);
  expect(parsed.error.code).toBe('bad-scenario-link');
  return parsed.error.message;
}

describe('scenarioFromHash(hash, base)', () => {
  it('returns the base scenario for an empty hash, not marked as from a link', () => {
    expect(scenarioFromHash('', base)).toEqual({ ok: true, scenario: base, fromLink: false });
    expect(scenarioFromHash('#', base)).toEqual({ ok: true, scenario: base, fromLink: false });
  });

  it('reads back what scenarioToHash wrote', () => {
    const scenario = { ...base, algorithm: 'kpath' as const, objective: 'comm' as const, seed: 7, timeScale: 4, mode: 'virtual' as const, chaosPerMin: 2, load: { mode: 'open' as const, ratePerSec: 3.5 } };
    scenario.links = scenario.links.map((row, i) => row.map((l, j) => ({ ...l, lossRate: i === 1 && j === 2 ? 0.05 : 0 })));
    scenario.nodes = scenario.nodes.map((n, i) => (i === 0 ? { ...n, radioMbps: 12.5 } : n));
    const parsed = scenarioFromHash(`#${scenarioToHash(scenario)}`, base);
    expect(parsed).toEqual({ ok: true, scenario, fromLink: true });
  });

  it('fills missing fields from the base: a link may name only a model', () => {
    const parsed = scenarioFromHash('#model=resnet18&algo=optimal', base);
    expect(parsed.ok && parsed.scenario).toEqual({ ...base, model: 'resnet18', algorithm: 'optimal' });
  });

  it('gives new nodes uniform default links when the link names nodes but no matrices', () => {
    const parsed = scenarioFromHash('#nodes=a:pi4:4096:8,b:-:512:0.5', base);
    if (!parsed.ok) throw parsed.error;
    expect(parsed.scenario.nodes).toEqual([
      { id: 'a', memoryBytes: 4096 * 2 ** 20, gflops: 8, preset: 'pi4' },
      { id: 'b', memoryBytes: 512 * 2 ** 20, gflops: 0.5 },
    ]);
    expect(parsed.scenario.links).toHaveLength(3);
    expect(parsed.scenario.links[0][1]).toEqual({ bandwidthMbps: 10, latencyMs: 1, jitterMs: 0, lossRate: 0 });
    expect(parsed.scenario.positions).toBeNull();
  });

  it('names the field and the expected form of a bad value', () => {
    expect(parseError('#algo=magic')).toContain("algo is 'magic', expected one of best, optimal");
    expect(parseError('#seed=1.5')).toContain('expected an integer in 0..2147483647');
    expect(parseError('#ts=0')).toContain("ts is '0', expected a number in 0.05..100");
    expect(parseError('#nodes=n1:pi4:abc:8')).toContain('nodes[1] memory (MB)');
    expect(parseError('#nodes=n1:cray:1:1')).toContain('nodes[1] preset');
    expect(parseError('#nodes=n1:-:1:1,n1:-:1:1')).toContain('an id used once');
    expect(parseError('#nodes=n1:-:1:1:0')).toContain('nodes[1] radio (Mbit/s)');
    expect(parseError('#nodes=n1:-:1:1:2:3')).toContain('id:preset:memoryMB:gflops[:radioMbps]');
    expect(parseError('#nodes=a:-:1:1&bw=1,2;3,4;5,6')).toContain('bw');
    expect(parseError('#nodes=a:-:1:1&bw=-,1;1,-1')).toContain('bw[2][2]');
    expect(parseError('#loss=0.95')).toContain('loss');
    expect(parseError('#model=upload')).toContain('local file');
  });

  it('refuses script, markup and oversized links without evaluating anything', () => {
    expect(parseError('#model=<img src=x onerror=alert(1)>')).toContain("model is '<img src=x onerror=alert(1)>'");
    expect(parseError('#model=javascript:alert(1)')).toContain('expected one of');
    expect(parseError('#nodes=<script>:-:1:1')).toContain('nodes[1] id');
    expect(parseError('#seed=1e400')).toContain('seed');
    expect(parseError('#ts=NaN')).toContain('ts');
    expect(parseError('#ts=Infinity')).toContain('ts');
    expect(parseError(`#model=${'x'.repeat(MAX_HASH_CHARS)}`)).toContain('characters');
    expect(parseError(`#nodes=${Array.from({ length: 40 }, (_, i) => `n${i}:-:1:1`).join(',')}`)).toContain('at most 32 nodes in real mode');
    expect(parseError('#model=' + 'a'.repeat(100))).toContain('...');
  });

  it('allows bigger clusters in virtual mode', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => `n${i}:-:64:1`).join(',');
    const parsed = scenarioFromHash(`#mode=virtual&nodes=${nodes}`, base);
    expect(parsed.ok && parsed.scenario.nodes.length).toBe(40);
  });
});
