import { describe, expect, test } from 'vitest';
import { randomGeometricCluster } from '../../src/planner/cluster-gen';
import { compileInstance } from '../../src/planner/instance';
import { linkOrder, sortRest } from '../../src/planner/link-order';
import type { Profile } from '../../src/planner/types';

const profile: Profile = { model: 'p', inputBytes: 1, outputBytes: 1, blocks: [{ name: 'b', memoryBytes: 1, flops: 1, outBytes: 1 }] };

describe('linkOrder', () => {
  test('linkOrder(inst) lists every link once, the fastest first, with everything past the sorted front no faster', () => {
    for (const [nodes, seed] of [
      [5, 1],
      [70, 2],
      [300, 3],
    ]) {
      const cluster = randomGeometricCluster({ nodes, memoryBytes: 10, seed, dispatcher: seed === 2 });
      // some links missing, some equal (ties)
      cluster.bandwidthMbps = cluster.bandwidthMbps.map((row, i) => row.map((b, j) => ((i * 7 + j * 3) % 11 === 0 ? 0 : (i + j) % 5 === 0 ? 10 : b)));
      const inst = compileInstance(profile, cluster, 'full');
      const order = linkOrder(inst);
      let partial = 0;
      for (let u = 0; u < order.k; u++) {
        const from = order.start[u];
        const end = from + order.count[u];
        const linked = order.nodes.map((_, v) => v).filter((v) => v !== u && inst.msPerByte[order.nodes[u] * inst.nodeCount + order.nodes[v]] < Infinity);
        expect([...order.to.slice(from, end)].sort((a, b) => a - b)).toEqual(linked);
        const front = order.perByte.slice(from, order.sorted[u]);
        expect([...front]).toEqual([...front].sort((a, b) => a - b));
        for (let j = order.sorted[u]; j < end; j++) expect(order.perByte[j]).toBeGreaterThanOrEqual(front[front.length - 1]);
        if (order.sorted[u] < end) partial++;
        sortRest(order, u);
        const all = [...order.perByte.slice(from, end)];
        expect(all).toEqual([...all].sort((a, b) => a - b));
        expect(order.to.slice(from, end).every((v, i) => order.perByte[from + i] === inst.msPerByte[order.nodes[u] * inst.nodeCount + order.nodes[v]])).toBe(true);
      }
      if (nodes > 70) expect(partial).toBeGreaterThan(0);
    }
  });
});
