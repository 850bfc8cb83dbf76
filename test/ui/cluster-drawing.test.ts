import { describe, expect, it } from 'vitest';
import { drawLinks } from '../../src/ui/layout/cluster-drawing';

const link = { bandwidthMbps: 10, latencyMs: 1, jitterMs: 0, lossRate: 0 };
function cluster(n: number) {
  const placed = [...Array.from({ length: n }, (_, i) => `n${i + 1}`), 'dispatcher'].map((id, i) => ({ id, x: i, y: 0, w: 10, h: 10, isDispatcher: id === 'dispatcher' }));
  const links = placed.map(() => placed.map(() => link));
  return { placed, links };
}

describe('drawLinks', () => {
  it('draws every link of a small cluster', () => {
    const { placed, links } = cluster(4);
    expect(drawLinks(placed, links, [], { pairs: [], node: '' })).toHaveLength(10);
  });

  it("draws only the pipeline's, the selected node's and the faulty links of a big one, in endpoint order", () => {
    const { placed, links } = cluster(1000);
    const drawn = drawLinks(placed, links, [{ a: 'n7', b: 'n9', state: 'cut' }], {
      pairs: [
        ['dispatcher', 'n5'],
        ['n5', 'n2'],
        ['n2', 'dispatcher'],
      ],
      node: 'n3',
    });
    const keys = drawn.map((d) => `${d.a}-${d.b}`);
    expect(keys).toContain('n2-n5');
    expect(keys).toContain('n5-dispatcher');
    expect(drawn.find((d) => d.a === 'n7' && d.b === 'n9')?.state).toBe('cut');
    // n3 with each of the 999 others and the dispatcher, the pipeline's 3 links, the cut one
    expect(drawn.filter((d) => d.a === 'n3' || d.b === 'n3')).toHaveLength(1000);
    expect(drawn).toHaveLength(1000 + 3 + 1);
    expect(keys.slice(0, 4)).toEqual(['n1-n3', 'n2-n3', 'n2-n5', 'n2-dispatcher']);
  });
});
