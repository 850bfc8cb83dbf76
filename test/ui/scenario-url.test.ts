import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { CLUSTER_PRESETS, randomCluster } from '../../src/ui/lab/cluster-presets';
import { MAX_HASH_CHARS, READABLE_CHARS, droppedNotice, readScenarioLink, scenarioFromHash, scenarioToHash, scenarioToLink } from '../../src/ui/lab/scenario-url';
import type { LabScenario } from '../../src/ui/lab/scenario-spec';

const base = defaultScenario();

/** The messages of the fields a link left out (the rest is read). */
function dropped(hash: string): string {
  const parsed = scenarioFromHash(hash, base);
  if (!parsed.ok) throw parsed.error;
  expect(parsed.dropped.length).toBeGreaterThan(0);
  for (const e of parsed.dropped) expect(e.code).toBe('bad-scenario-link');
  return parsed.dropped.map((e) => e.message).join('\n');
}

describe('scenarioFromHash(hash, base)', () => {
  it('returns the base scenario for an empty hash, not marked as from a link', () => {
    expect(scenarioFromHash('', base)).toEqual({ ok: true, scenario: base, fromLink: false, dropped: [] });
    expect(scenarioFromHash('#', base)).toEqual({ ok: true, scenario: base, fromLink: false, dropped: [] });
  });

  it('reads back what scenarioToHash wrote, exactly', () => {
    const scenario: LabScenario = { ...base, algorithm: 'kpath', objective: 'comm', seed: 7, timeScale: 4, mode: 'virtual', chaosPerMin: 2, load: { mode: 'open', ratePerSec: 3.5 } };
    scenario.links = scenario.links.map((row, i) => row.map((l, j) => (i === j ? l : { ...l, lossRate: i === 1 && j === 2 ? 0.05 : 0, latencyMs: i === 0 ? 1 / 3 : 2.5 })));
    scenario.nodes = scenario.nodes.map((n, i) => (i === 0 ? { ...n, radioMbps: 12.5, memoryBytes: 123_457 } : n));
    const parsed = scenarioFromHash(`#${scenarioToHash(scenario)}`, base);
    expect(parsed).toEqual({ ok: true, scenario, fromLink: true, dropped: [] });
  });

  it("writes SEIFER's field as 'bw=paper' computed from the positions, an edited link as an exception", () => {
    expect(scenarioToHash(base)).toContain('&bw=paper&');
    const edited = { ...base, links: base.links.map((row, i) => row.map((l, j) => (i === 2 && j === 4 ? { ...l, bandwidthMbps: 12.5 } : l))) };
    const hash = scenarioToHash(edited);
    expect(hash).toContain('&bw=paper,3-5:12.5&');
    expect(scenarioFromHash(hash, defaultScenario())).toMatchObject({ ok: true, scenario: edited, dropped: [] });
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

  it('keeps the good fields of a link with a bad one and names the field it left out', () => {
    const parsed = scenarioFromHash('#model=resnet18&seed=1.5&algo=kpath', base);
    if (!parsed.ok) throw parsed.error;
    expect(parsed.scenario).toEqual({ ...base, model: 'resnet18', algorithm: 'kpath' });
    expect(parsed.dropped.map((e) => e.where)).toEqual(["scenario field 'seed'"]);
    expect(droppedNotice(parsed.dropped)).toBe(
      "The scenario's seed is '1.5', expected an integer in 0..2147483647 (scenario field 'seed'). The page left this field out and kept the rest; set it in the page and use Share or Save for a new copy.",
    );
  });

  it('says which fields it left out when there are several', () => {
    const parsed = scenarioFromHash('#seed=x&algo=y&obj=full', base);
    expect(parsed.ok && droppedNotice(parsed.dropped)).toBe(
      "The scenario's algo is 'y', expected one of best, optimal, kpath, joint, random, btsp (scenario field 'algo'). The scenario's seed is 'x', expected an integer in 0..2147483647 (scenario field 'seed'). The page left these 2 fields out and kept the rest; set them in the page and use Share or Save for a new copy.",
    );
  });

  it('names the field and the expected form of a bad value', () => {
    expect(dropped('#algo=magic')).toContain("algo is 'magic', expected one of best, optimal");
    expect(dropped('#ts=0')).toContain("ts is '0', expected a number in 0.05..100");
    expect(dropped('#nodes=n1:pi4:abc:8')).toContain('nodes[1] memory (MB)');
    expect(dropped('#nodes=n1:cray:1:1')).toContain('nodes[1] preset');
    expect(dropped('#nodes=n1:-:1:1,n1:-:1:1')).toContain('an id used once');
    expect(dropped('#nodes=n1:-:1:1:0')).toContain('nodes[1] radio (Mbit/s)');
    expect(dropped('#nodes=n1:-:1:1:2:3')).toContain('id:preset:memoryMB:gflops[:radioMbps]');
    expect(dropped('#nodes=a:-:1:1&bw=1,2;3,4;5,6')).toContain('bw');
    expect(dropped('#nodes=a:-:1:1&bw=-,1;1,-1')).toContain('bw[2][2]');
    expect(dropped('#loss=0.95')).toContain('loss');
    expect(dropped('#model=upload')).toContain('local file');
    expect(dropped('#bw=wifi7')).toContain('one of paper, home');
    expect(dropped('#bw=paper,9-1:5')).toContain('bw exception');
    expect(dropped('#nodes=a:-:1:1,b:-:1:1&bw=paper')).toContain('positions (pos) for all 3 endpoints');
  });

  it('refuses script, markup and oversized links without evaluating anything', () => {
    expect(dropped('#model=<img src=x onerror=alert(1)>')).toContain("model is '<img src=x onerror=alert(1)>'");
    expect(dropped('#model=javascript:alert(1)')).toContain('expected one of');
    expect(dropped('#nodes=<script>:-:1:1')).toContain('nodes[1] id');
    expect(dropped('#seed=1e400')).toContain('seed');
    expect(dropped('#ts=NaN')).toContain('ts');
    expect(dropped('#ts=Infinity')).toContain('ts');
    expect(dropped(`#nodes=${Array.from({ length: 40 }, (_, i) => `n${i}:-:1:1`).join(',')}`)).toContain('at most 32 nodes in real mode');
    expect(dropped('#model=' + 'a'.repeat(100))).toContain('...');
    const long = scenarioFromHash(`#model=${'x'.repeat(MAX_HASH_CHARS)}`, base);
    expect(!long.ok && long.error.message).toContain('characters');
  });

  it('allows clusters of up to 1,000 nodes in virtual mode', () => {
    const nodes = (n: number) => Array.from({ length: n }, (_, i) => `n${i}:-:64:1`).join(',');
    const parsed = scenarioFromHash(`#mode=virtual&nodes=${nodes(1000)}`, base);
    expect(parsed.ok && parsed.scenario.nodes.length).toBe(1000);
    expect(dropped(`#mode=virtual&nodes=${nodes(1001)}`)).toContain('at most 1000 nodes in virtual mode');
  });
});

describe('scenarioToLink(scenario) and readScenarioLink(hash, base)', () => {
  it('keeps small scenarios readable', async () => {
    const link = await scenarioToLink(base);
    expect(link).toBe(scenarioToHash(base));
    expect(link.length).toBeLessThan(READABLE_CHARS);
  });

  it('deflates a 1,000-node virtual scenario into a link under the limit and reads it back exactly', async () => {
    const scenario: LabScenario = { ...base, ...randomCluster(1000, 5), mode: 'virtual', algorithm: 'kpath' };
    const link = await scenarioToLink(scenario);
    expect(link.startsWith('z=')).toBe(true);
    expect(link.length).toBeLessThan(MAX_HASH_CHARS / 2);
    expect(await readScenarioLink(`#${link}`, defaultScenario())).toEqual({ ok: true, scenario, fromLink: true, dropped: [] });
  });

  it('deflates a 200-node paper-field scenario with full matrices too', async () => {
    const layout = CLUSTER_PRESETS.find((p) => p.id === 'paper-20')?.build(3);
    if (!layout) throw new Error('no paper-20 preset');
    const scenario: LabScenario = { ...base, ...layout, positions: null, mode: 'virtual' };
    const link = await scenarioToLink(scenario);
    expect(scenarioToHash(scenario)).toContain('bw=-,');
    expect((await readScenarioLink(link, base)).ok && ((await readScenarioLink(link, base)) as { scenario: LabScenario }).scenario).toEqual(scenario);
  });

  it('answers a damaged or inflating link with a message, not an exception', async () => {
    const damaged = await readScenarioLink('#z=abc$', base);
    expect(!damaged.ok && damaged.error.message).toContain('base64url');
    const garbage = await readScenarioLink('#z=AAAAAAAA', base);
    expect(!garbage.ok && garbage.error.message).toContain('not deflate data');
  });
});
