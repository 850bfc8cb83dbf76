import { describe, expect, it } from 'vitest';
import { CARD, boxOf, cardSizeFor, clusterLayout, mapCell, type PlacedNode } from '../../src/ui/layout/cluster-layout';
import { overlaps } from '../../src/ui/layout/rects';
import { CLUSTER_PRESETS, randomCluster } from '../../src/ui/lab/cluster-presets';

const idsOf = (n: number) => [...Array.from({ length: n }, (_, i) => `n${i + 1}`), 'dispatcher'];

function overlapping(nodes: PlacedNode[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) if (overlaps(boxOf(nodes[i]), boxOf(nodes[j]))) pairs.push([nodes[i].id, nodes[j].id]);
  return pairs;
}

function inside(nodes: PlacedNode[], width: number, height: number): boolean {
  return nodes.every((n) => n.x - n.w / 2 >= -1e-9 && n.y - n.h / 2 >= -1e-9 && n.x + n.w / 2 <= width + 1e-9 && n.y + n.h / 2 <= height + 1e-9);
}

describe('clusterLayout(ids, positions, width, height)', () => {
  it('keeps every card inside the view, the dispatcher last', () => {
    const ids = ['n1', 'n2', 'n3', 'dispatcher'];
    const { size, nodes } = clusterLayout(
      ids,
      [
        [0, 0],
        [100, 0],
        [50, 80],
        [50, 40],
      ],
      800,
      500,
    );
    expect(size).toBe('full');
    expect(nodes.map((p) => p.id)).toEqual(ids);
    expect(nodes.map((p) => p.isDispatcher)).toEqual([false, false, false, true]);
    expect(nodes[0]).toMatchObject(CARD.full);
    expect(inside(nodes, 800, 500)).toBe(true);
  });

  it('pushes apart nodes that stand on the same spot, deterministically', () => {
    const ids = ['a', 'b', 'c', 'dispatcher'];
    const spots: [number, number][] = [
      [10, 10],
      [10, 10],
      [10, 10],
      [90, 90],
    ];
    const placed = clusterLayout(ids, spots, 900, 600);
    expect(overlapping(placed.nodes)).toEqual([]);
    expect(clusterLayout(ids, spots, 900, 600)).toEqual(placed);
  });

  it('arranges nodes on a ring (stretched to the view) around the dispatcher when there are no positions', () => {
    const { nodes } = clusterLayout(['a', 'b', 'c', 'd', 'dispatcher'], null, 800, 600);
    const hub = nodes[4];
    expect(hub.x).toBeCloseTo(400, 6);
    expect(hub.y).toBeCloseTo(300, 6);
    const ring = nodes.slice(0, 4);
    expect(ring.reduce((s, p) => s + p.x, 0) / 4).toBeCloseTo(400, 0);
    expect(Math.max(...ring.map((p) => p.x)) - Math.min(...ring.map((p) => p.x))).toBeGreaterThan(500);
  });

  // the views the page opens on: the presets and random clusters on a laptop, a projector and a phone
  const views: [number, number][] = [
    [800, 470],
    [560, 300],
    [390, 420],
    [1100, 700],
  ];
  const clusters = [...CLUSTER_PRESETS.map((p) => ({ name: p.id, layout: p.build(10) })), ...[12, 20, 60, 200, 1000].map((n) => ({ name: `random ${n}`, layout: randomCluster(n, 3) }))];
  for (const [width, height] of views) {
    it(`never lets a card, a dot or the dispatcher cover another (${width}x${height})`, () => {
      let crowded = 0;
      for (const { name, layout } of clusters) {
        const { nodes, size } = clusterLayout(idsOf(layout.nodes.length), layout.positions, width, height);
        expect({ name, pairs: overlapping(nodes) }).toEqual({ name, pairs: [] });
        expect(inside(nodes, width, height)).toBe(true);
        if (size === 'map' && layout.nodes.length >= 200) crowded++;
      }
      expect(crowded).toBe(2); // the interesting case happened: 200 and 1,000 nodes as a map
    });
  }

  it('keeps the dispatcher off the nodes that stand where it stands', () => {
    const spots: [number, number][] = [...Array.from({ length: 20 }, (_, i): [number, number] => [75 + (i % 2), 75]), [75, 75]];
    const { nodes } = clusterLayout(idsOf(20), spots, 800, 470);
    const hub = nodes[20];
    expect(nodes.slice(0, 20).filter((n) => overlaps(boxOf(n), boxOf(hub)))).toEqual([]);
  });
});

describe('cardSizeFor(nodeCount, width, height)', () => {
  it('shrinks cards as clusters grow or the view narrows', () => {
    expect([cardSizeFor(6, 800, 470), cardSizeFor(20, 800, 470), cardSizeFor(61, 1600, 900), cardSizeFor(200, 800, 470)]).toEqual(['full', 'compact', 'map', 'map']);
    expect(cardSizeFor(6, 390, 420)).toBe('compact');
  });

  it('gives map nodes a square of 10 to 28 px', () => {
    expect(mapCell(200, 800, 470)).toBeGreaterThanOrEqual(20);
    expect(mapCell(1000, 800, 470)).toBe(10);
    expect(mapCell(61, 1600, 900)).toBe(28);
  });
});
