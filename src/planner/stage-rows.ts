/**
 * Stage prices for the big-cluster searches: nodes whose stages cost the same (same stage key: same memory and
 * speed under the default prices) share one row of prices, computed once, so the inner loops read arrays.
 */
import type { Instance } from './instance';
import type { PieceCosts } from './piece-costs';

/**
 * Stage prices of the given nodes (local index i is cluster node nodes[i]), computed once per stage key: row[i]
 * is node i's row, and a stage s..e on it costs price[at[row * B + s] + e - s] for e up to reach[row * B + s]
 * (memory, then an Infinity price, end it). The searches read these arrays in their inner loops.
 */
export interface StageRows {
  row: Int32Array;
  at: Int32Array;
  reach: Int32Array;
  price: Float64Array;
}

export function stageRows(inst: Instance, nodes: readonly number[], costs: PieceCosts): StageRows {
  const B = inst.blockCount;
  const keys = new Map<number, number>();
  const firstNode: number[] = [];
  const row = Int32Array.from(nodes, (node) => {
    const key = costs.stageKey(node);
    if (!keys.has(key)) {
      keys.set(key, firstNode.length);
      firstNode.push(node);
    }
    return keys.get(key)!;
  });
  const at = new Int32Array(firstNode.length * B);
  const reach = new Int32Array(firstNode.length * B);
  let size = 0;
  firstNode.forEach((node, r) => {
    for (let s = 0; s < B; s++) {
      at[r * B + s] = size;
      size += inst.maxEnd[node * B + s] - s + 1;
    }
  });
  const price = new Float64Array(size);
  firstNode.forEach((node, r) => {
    for (let s = 0; s < B; s++) {
      const memoryReach = inst.maxEnd[node * B + s];
      const base = at[r * B + s] - s;
      let e = s;
      for (; e <= memoryReach; e++) {
        const c = costs.stage(node, s, e);
        if (c === Infinity) break;
        price[base + e] = c;
      }
      reach[r * B + s] = e - 1;
    }
  });
  return { row, at, reach, price };
}
