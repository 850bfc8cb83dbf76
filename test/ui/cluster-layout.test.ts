import { describe, expect, it } from 'vitest';
import { CARD, cardSizeFor, clusterLayout } from '../../src/ui/layout/cluster-layout';

describe('clusterLayout(ids, positions, width, height)', () => {
  it('keeps every card inside the view, the dispatcher last', () => {
    const ids = ['n1', 'n2', 'n3', 'dispatcher'];
    const placed = clusterLayout(ids, [[0, 0], [100, 0], [50, 80], [50, 40]], 800, 500);
    expect(placed.map((p) => p.id)).toEqual(ids);
    expect(placed.map((p) => p.isDispatcher)).toEqual([false, false, false, true]);
    for (const p of placed) {
      expect(p.x).toBeGreaterThanOrEqual(CARD.full.w / 2);
      expect(p.x).toBeLessThanOrEqual(800 - CARD.full.w / 2);
      expect(p.y).toBeGreaterThanOrEqual(CARD.full.h / 2);
      expect(p.y).toBeLessThanOrEqual(500 - CARD.full.h / 2);
    }
  });

  it('pushes apart nodes that stand on the same spot, deterministically', () => {
    const ids = ['a', 'b', 'c', 'dispatcher'];
    const spots: [number, number][] = [[10, 10], [10, 10], [10, 10], [90, 90]];
    const placed = clusterLayout(ids, spots, 900, 600);
    expect(Math.hypot(placed[0].x - placed[1].x, placed[0].y - placed[1].y)).toBeGreaterThan(60);
    expect(clusterLayout(ids, spots, 900, 600)).toEqual(placed);
  });

  it('arranges nodes on a ring (stretched to the view) around the dispatcher when there are no positions', () => {
    const placed = clusterLayout(['a', 'b', 'c', 'd', 'dispatcher'], null, 800, 600);
    const hub = placed[4];
    expect([hub.x, hub.y]).toEqual([400, 300]);
    const ring = placed.slice(0, 4);
    expect(ring.reduce((s, p) => s + p.x, 0) / 4).toBeCloseTo(400, 0);
    expect(ring.reduce((s, p) => s + p.y, 0) / 4).toBeCloseTo(300, 0);
    expect(Math.max(...ring.map((p) => p.x)) - Math.min(...ring.map((p) => p.x))).toBeGreaterThan(500);
  });
});

describe('cardSizeFor(nodeCount)', () => {
  it('shrinks cards as clusters grow', () => {
    expect([cardSizeFor(6), cardSizeFor(20), cardSizeFor(100)]).toEqual(['full', 'compact', 'dot']);
  });
});
