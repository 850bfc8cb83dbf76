import { describe, expect, it } from 'vitest';
import { estimateText } from '../../src/ui/layout/card-layout';
import { clusterLabels, drawnBoxes, dotRadius, type NodeRole } from '../../src/ui/layout/cluster-labels';
import type { DrawnHop } from '../../src/ui/layout/cluster-drawing';
import { clusterLayout } from '../../src/ui/layout/cluster-layout';
import { overlaps } from '../../src/ui/layout/rects';
import { randomCluster } from '../../src/ui/lab/cluster-presets';

function hopsThrough(placed: { id: string; x: number; y: number }[], path: string[], bottleneck: number): DrawnHop[] {
  const at = new Map(placed.map((p) => [p.id, p]));
  return path.slice(1).map((to, i) => {
    const a = at.get(path[i]) as { x: number; y: number };
    const b = at.get(to) as { x: number; y: number };
    return { from: path[i], to, x1: a.x, y1: a.y, x2: b.x, y2: b.y, bytes: 18_432 * (i + 1), ms: 12.5 * (i + 1), stage: i, isBottleneck: i === bottleneck, inFlight: 1, periodMs: 400 };
  });
}

function scene(count: number, width: number, height: number, path: string[], bottleneck: number) {
  const cluster = randomCluster(count, 3);
  const layout = clusterLayout([...cluster.nodes.map((n) => n.id), 'dispatcher'], cluster.positions, width, height);
  const stages = path.slice(1, -1);
  const roleOf = (id: string): NodeRole => (stages.includes(id) ? 'stage' : id === 'n2' ? 'down' : 'idle');
  const boxes = drawnBoxes(layout, roleOf);
  const hops = hopsThrough(layout.nodes, path, bottleneck);
  const labels = clusterLabels({
    layout,
    boxes,
    hops,
    roleOf,
    stageOf: (id) => stages.indexOf(id),
    bottleneckStage: bottleneck < 0 ? { node: stages[0], ms: 85 } : null,
    width,
    height,
    measure: estimateText,
  });
  return { layout, boxes, labels };
}

describe('clusterLabels(input)', () => {
  const cases = [
    { name: '6 nodes, full cards', count: 6, width: 800, height: 470, path: ['dispatcher', 'n3', 'n1', 'n5', 'dispatcher'], bottleneck: 1 },
    { name: '20 nodes, compact cards, a stage limits', count: 20, width: 800, height: 470, path: ['dispatcher', 'n14', 'n11', 'dispatcher'], bottleneck: -1 },
    { name: '200 nodes on a map', count: 200, width: 800, height: 470, path: ['dispatcher', 'n7', 'n40', 'n120', 'dispatcher'], bottleneck: 0 },
    { name: '6 nodes on a phone', count: 6, width: 390, height: 420, path: ['dispatcher', 'n3', 'n1', 'dispatcher'], bottleneck: 2 },
  ];
  for (const c of cases) {
    it(`keeps every label clear of the others and of every node (${c.name})`, () => {
      const { boxes, labels } = scene(c.count, c.width, c.height, c.path, c.bottleneck);
      for (const [i, label] of labels.entries()) {
        expect(boxes.filter((b) => overlaps(label.rect, b))).toEqual([]);
        expect(labels.slice(i + 1).filter((other) => overlaps(label.rect, other.rect))).toEqual([]);
      }
      // the bottleneck is always told, whatever else must give way
      expect(labels.filter((l) => l.emphasis)).toHaveLength(1);
    });
  }

  it('names the pipeline and failed nodes on a map, and only those', () => {
    const { labels } = scene(200, 800, 470, ['dispatcher', 'n7', 'n40', 'n120', 'dispatcher'], 0);
    const titles = labels.filter((l) => l.kind === 'title').map((l) => l.text);
    expect(titles).toEqual(expect.arrayContaining(['n7 · stage 1', 'n40 · stage 2', 'n2 down']));
    expect(titles.every((t) => /^(n7|n40|n120|n2) /.test(t))).toBe(true);
  });

  it('draws idle map nodes small and the pipeline prominent', () => {
    expect(dotRadius(24, 'idle')).toBeLessThan(dotRadius(24, 'stage') / 1.8);
    const { layout, boxes } = scene(200, 800, 470, ['dispatcher', 'n7', 'dispatcher'], 0);
    const w = (id: string) => boxes[layout.nodes.findIndex((n) => n.id === id)].w;
    expect(w('n7')).toBeGreaterThan(w('n8') * 1.8);
  });
});
