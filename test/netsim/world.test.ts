import { describe, expect, it } from 'vitest';
import { SeiferError } from '../../src/errors';
import type { World } from '../../src/netsim/types';
import { createWorld, DEFAULT_LINK, linkConfigProblem, linkKey, nodeId, pairKey, validateWorld } from '../../src/netsim/world';

describe('world', () => {
  it('createWorld(ids) links every ordered pair with DEFAULT_LINK, all nodes up, no radio', () => {
    const world = createWorld(['dispatcher', 'a', 'b']);
    expect(DEFAULT_LINK).toEqual({ bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0, isUp: true });
    expect(world.nodes).toEqual([
      { id: 'dispatcher', isUp: true, radioMbps: null },
      { id: 'a', isUp: true, radioMbps: null },
      { id: 'b', isUp: true, radioMbps: null },
    ]);
    expect(world.links.map((l) => linkKey(l.from, l.to))).toEqual(['dispatcher->a', 'dispatcher->b', 'a->dispatcher', 'a->b', 'b->dispatcher', 'b->a']);
    expect(world.links.every((l) => l.bandwidthMbps === 100 && l.latencyMs === 1 && l.isUp)).toBe(true);
    expect(JSON.parse(JSON.stringify(world))).toEqual(world);
  });

  it('createWorld(ids, {link, bandwidthsMbps, radioMbps}) takes per-pair rates from the matrix', () => {
    const world = createWorld(['a', 'b'], {
      link: { latencyMs: 5, lossRate: 0.01 },
      bandwidthsMbps: [
        [0, 6],
        [12, 0],
      ],
      radioMbps: 20,
    });
    expect(world.links).toEqual([
      { from: 'a', to: 'b', bandwidthMbps: 6, latencyMs: 5, jitterMs: 0, lossRate: 0.01, isUp: true },
      { from: 'b', to: 'a', bandwidthMbps: 12, latencyMs: 5, jitterMs: 0, lossRate: 0.01, isUp: true },
    ]);
    expect(world.nodes.every((n) => n.radioMbps === 20)).toBe(true);
    expect(() => createWorld(['a', 'b'], { bandwidthsMbps: [[0, 1]] })).toThrow(/2x2 matrix/);
  });

  it('createWorld(ids) rejects duplicate ids and bad link values with a SeiferError', () => {
    expect(() => createWorld(['a', 'a'])).toThrow(/the id 'a' is used twice/);
    expect(() => createWorld(['a', 'b'], { link: { bandwidthMbps: 0 } })).toThrow(SeiferError);
    expect(() => createWorld(['a', 'b'], { link: { lossRate: 0.95 } })).toThrow(/lossRate is 0.95/);
    expect(() => createWorld(['a', ''])).toThrow(TypeError);
  });

  it('validateWorld(world) names a missing link and the node or link at fault', () => {
    const world: World = createWorld(['a', 'b', 'c']);
    const missing = { ...world, links: world.links.filter((l) => !(l.from === 'c' && l.to === 'a')) };
    expect(() => validateWorld(missing, 'cluster.json')).toThrow(/1 link\(s\) are missing, e.g. c->a/);
    const bad = { ...world, links: world.links.map((l, i) => (i === 0 ? { ...l, latencyMs: -1 } : l)) };
    expect(() => validateWorld(bad, 'cluster.json')).toThrow(/\(cluster.json, link a->b\)/);
    const stranger = { ...world, links: [...world.links, { ...world.links[0]!, to: nodeId('z') }] };
    expect(() => validateWorld(stranger)).toThrow(/not in nodes/);
  });

  it('linkConfigProblem(config) is null for a valid partial config and says what is wrong otherwise', () => {
    expect(linkConfigProblem({})).toBeNull();
    expect(linkConfigProblem({ bandwidthMbps: 10, jitterMs: 0 })).toBeNull();
    expect(linkConfigProblem({ jitterMs: Number.NaN })).toMatch(/jitterMs is NaN/);
    expect(linkConfigProblem({ bandwidthMbps: Infinity })).toMatch(/finite number > 0/);
  });
});

describe('pairKey(a, b) and linkKey(from, to)', () => {
  it('pairKey is the same either way round; linkKey is not', () => {
    expect(pairKey('n2', 'n1')).toBe(pairKey('n1', 'n2'));
    expect(linkKey('n1', 'n2')).toBe('n1->n2');
    expect(linkKey('n2', 'n1')).not.toBe(linkKey('n1', 'n2'));
  });
});
