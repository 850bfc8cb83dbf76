import { describe, expect, it } from 'vitest';
import { devices, geometricCluster } from '../../src/ui/lab/cluster-presets';
import { addNode, clusterProblem, pasteBandwidths, removeNode, setAllLinks, setLink } from '../../src/ui/lab/scenario-edit';
import { SELF_LINK } from '../../src/ui/lab/scenario-spec';

const base = geometricCluster(devices(['pi1', 'pi4']), 1, { latencyMs: 1, jitterMs: 0, lossRate: 0 });

describe('addNode(cluster, presetId)', () => {
  it('adds nK before the dispatcher, linked to everything, with a position', () => {
    const next = addNode(base, 'phone');
    expect(next.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(next.nodes[2]).toMatchObject({ preset: 'phone', gflops: 40 });
    expect(next.links).toHaveLength(4);
    expect(next.links.every((row) => row.length === 4)).toBe(true);
    expect(next.links[2][2]).toEqual(SELF_LINK);
    expect(next.links[3][0]).toEqual(base.links[2][0]);
    expect(next.positions).toHaveLength(4);
    expect(next.positions?.[3]).toEqual(base.positions?.[2]);
    expect(base.nodes).toHaveLength(2);
  });
});

describe('removeNode(cluster, id)', () => {
  it('drops the node, its row and column, and its position', () => {
    const next = removeNode(base, 'n1');
    expect(next.nodes.map((n) => n.id)).toEqual(['n2']);
    expect(next.links).toEqual([
      [base.links[1][1], base.links[1][2]],
      [base.links[2][1], base.links[2][2]],
    ]);
    expect(() => removeNode(base, 'n9')).toThrow(RangeError);
  });
});

describe('setLink(cluster, i, j, change) and setAllLinks(cluster, change)', () => {
  it('change both directions of one link, or every link but the diagonal', () => {
    const one = setLink(base, 0, 2, { bandwidthMbps: 3 });
    expect([one.links[0][2].bandwidthMbps, one.links[2][0].bandwidthMbps]).toEqual([3, 3]);
    expect(one.links[0][1]).toEqual(base.links[0][1]);
    const all = setAllLinks(base, { lossRate: 0.1 });
    expect(all.links.flat().filter((l) => l.lossRate === 0.1)).toHaveLength(6);
  });

  it('changes one direction only when asked, and shares the rows it did not touch', () => {
    const one = setLink(base, 0, 2, { bandwidthMbps: 3 }, true);
    expect([one.links[0][2].bandwidthMbps, one.links[2][0].bandwidthMbps]).toEqual([3, base.links[2][0].bandwidthMbps]);
    expect(one.links[1]).toBe(base.links[1]);
    expect(one.links[2]).toBe(base.links[2]);
  });
});

describe('pasteBandwidths(cluster, rows, i, j)', () => {
  it('writes a block at a cell, keeping null cells and the diagonal', () => {
    const next = pasteBandwidths(
      base,
      [
        [7, null],
        [8, 9],
      ],
      1,
      1,
    );
    expect(next.links[1].map((l) => l.bandwidthMbps)).toEqual([base.links[1][0].bandwidthMbps, base.links[1][1].bandwidthMbps, base.links[1][2].bandwidthMbps]);
    expect(next.links[2].map((l) => l.bandwidthMbps)).toEqual([base.links[2][0].bandwidthMbps, 8, base.links[2][2].bandwidthMbps]);
    expect(next.links[0]).toBe(base.links[0]);
  });

  it('takes a whole matrix at the top left, and says when a block does not fit', () => {
    const next = pasteBandwidths(
      base,
      [
        [null, 1, 2],
        [3, null, 4],
        [5, 6, null],
      ],
      0,
      0,
    );
    expect(next.links.map((row) => row.map((l) => l.bandwidthMbps))).toEqual([
      [1000, 1, 2],
      [3, 1000, 4],
      [5, 6, 1000],
    ]);
    expect(() =>
      pasteBandwidths(
        base,
        [
          [1, 2],
          [3, 4],
        ],
        2,
        0,
      ),
    ).toThrow('The pasted block is 2 x 2; from row 3, column 1 only 1 x 3 cells remain');
  });
});

describe('clusterProblem(cluster, maxNodes)', () => {
  it('is empty for a valid cluster and names what is wrong otherwise', () => {
    expect(clusterProblem(base, 32)).toBe('');
    expect(clusterProblem({ ...base, nodes: [] }, 32)).toBe('Add at least one node.');
    expect(clusterProblem(base, 1)).toContain('too many');
    expect(clusterProblem({ ...base, nodes: [base.nodes[0], { ...base.nodes[1], id: 'n1' }] }, 32)).toBe("Two nodes are called 'n1'.");
    expect(clusterProblem({ ...base, nodes: [{ ...base.nodes[0], id: 'dispatcher' }, base.nodes[1]] }, 32)).toContain('must be');
    expect(clusterProblem({ ...base, nodes: [{ ...base.nodes[0], gflops: 0 }, base.nodes[1]] }, 32)).toContain('speed');
    expect(clusterProblem({ ...base, nodes: [{ ...base.nodes[0], radioMbps: Number.NaN }, base.nodes[1]] }, 32)).toContain('radio');
    expect(clusterProblem(setLink(base, 0, 1, { bandwidthMbps: 0 }), 32)).toContain('bandwidth');
    expect(clusterProblem(setLink(base, 0, 1, { lossRate: 0.95 }), 32)).toContain('loss');
  });
});
