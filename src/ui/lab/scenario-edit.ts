/** The cluster editor's operations on plain scenario data: each returns a new value, never mutates its input. */
import { findPreset } from '../../emulator/presets';
import type { ScenarioLink } from '../../emulator/scenario';
import type { ClusterLayout } from './cluster-presets';
import { LIMITS, SELF_LINK } from './scenario-spec';

const ID = /^[A-Za-z0-9_.-]{1,24}$/;
export const DEFAULT_LINK: ScenarioLink = { bandwidthMbps: 10, latencyMs: 2.5, jitterMs: 1, lossRate: 0 };

/** A node of preset `presetId`, with the next free id nK, linked to everything by `link`. */
export function addNode(cluster: ClusterLayout, presetId: string, link: ScenarioLink = DEFAULT_LINK): ClusterLayout {
  const preset = findPreset(presetId);
  if (!preset) throw new RangeError(`'${presetId}' is not a device preset`);
  const taken = new Set(cluster.nodes.map((n) => n.id));
  let k = cluster.nodes.length + 1;
  while (taken.has(`n${k}`)) k++;
  const node = { id: `n${k}`, memoryBytes: preset.memoryBytes, gflops: preset.gflops, preset: preset.id };
  const at = cluster.nodes.length; // new index: before the dispatcher
  const links = cluster.links.map((row) => [...row.slice(0, at), { ...link }, ...row.slice(at)]);
  links.splice(
    at,
    0,
    Array.from({ length: at + 2 }, (_, j) => (j === at ? { ...SELF_LINK } : { ...link })),
  );
  const positions = cluster.positions ? [...cluster.positions.slice(0, at), spot(cluster.positions, k), ...cluster.positions.slice(at)] : null;
  return { nodes: [...cluster.nodes, node], links, positions };
}

export function removeNode(cluster: ClusterLayout, id: string): ClusterLayout {
  const i = cluster.nodes.findIndex((n) => n.id === id);
  if (i < 0) throw new RangeError(`'${id}' is not a node of the cluster`);
  return {
    nodes: cluster.nodes.filter((_, k) => k !== i),
    links: cluster.links.filter((_, k) => k !== i).map((row) => row.filter((_, k) => k !== i)),
    positions: cluster.positions ? cluster.positions.filter((_, k) => k !== i) : null,
  };
}

/**
 * Sets the link between endpoints i and j, both directions unless `oneWay` (index nodes.length is the
 * dispatcher). Only the two rows touched are copied: undo can keep many versions of a 1,000-node matrix.
 */
export function setLink(cluster: ClusterLayout, i: number, j: number, change: Partial<ScenarioLink>, oneWay = false): ClusterLayout {
  if (i === j) return cluster;
  const links = [...cluster.links];
  links[i] = links[i].map((l, b) => (b === j ? { ...l, ...change } : l));
  if (!oneWay) links[j] = links[j].map((l, b) => (b === i ? { ...l, ...change } : l));
  return { ...cluster, links };
}

/**
 * Bandwidths pasted as a block (a spreadsheet's rows), its top-left cell at endpoints (i, j): null cells and the
 * diagonal keep their values. A block as big as the nodes (n x n) or the endpoints ((n + 1) x (n + 1)) at (0, 0)
 * is a whole matrix. Throws RangeError, in words for the page, when the block does not fit.
 */
export function pasteBandwidths(cluster: ClusterLayout, rows: readonly (readonly (number | null)[])[], i: number, j: number): ClusterLayout {
  const size = cluster.links.length;
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  if (i + height > size || j + width > size) {
    throw new RangeError(
      `The pasted block is ${height} x ${width}; from row ${i + 1}, column ${j + 1} only ${size - i} x ${size - j} cells remain (the matrix is ${size} x ${size}, the dispatcher last).`,
    );
  }
  const links = [...cluster.links];
  rows.forEach((values, r) => {
    if (values.every((v, c) => v === null || i + r === j + c)) return;
    links[i + r] = links[i + r].map((l, b) => {
      const v = b - j >= 0 && b - j < width ? values[b - j] : null;
      return v === null || v === undefined || b === i + r ? l : { ...l, bandwidthMbps: v };
    });
  });
  return { ...cluster, links };
}

/** Every link (not the diagonal) set to the same values. */
export function setAllLinks(cluster: ClusterLayout, change: Partial<ScenarioLink>): ClusterLayout {
  return { ...cluster, links: cluster.links.map((row, a) => row.map((l, b) => (a === b ? l : { ...l, ...change }))) };
}

/** What is wrong with an edited cluster, in one sentence, or '' when it can run. */
export function clusterProblem(cluster: ClusterLayout, maxNodes: number): string {
  if (cluster.nodes.length === 0) return 'Add at least one node.';
  if (cluster.nodes.length > maxNodes) return `${cluster.nodes.length} nodes is too many for this mode (at most ${maxNodes}).`;
  const seen = new Set<string>();
  for (const n of cluster.nodes) {
    if (!ID.test(n.id) || n.id === 'dispatcher') return `Node id '${n.id}' must be 1-24 letters, digits, '.', '_' or '-' (and not 'dispatcher').`;
    if (seen.has(n.id)) return `Two nodes are called '${n.id}'.`;
    seen.add(n.id);
    const mb = n.memoryBytes / 2 ** 20;
    if (!(mb >= LIMITS.memoryMB[0] && mb <= LIMITS.memoryMB[1])) return `${n.id}: memory must be ${LIMITS.memoryMB[0]}..${LIMITS.memoryMB[1]} MB.`;
    if (!(n.gflops >= LIMITS.gflops[0] && n.gflops <= LIMITS.gflops[1])) return `${n.id}: speed must be ${LIMITS.gflops[0]}..${LIMITS.gflops[1]} GFLOPS.`;
    if (n.radioMbps !== undefined && !(n.radioMbps >= LIMITS.bandwidthMbps[0] && n.radioMbps <= LIMITS.bandwidthMbps[1]))
      return `${n.id}: the radio rate must be ${LIMITS.bandwidthMbps[0]}..${LIMITS.bandwidthMbps[1]} Mbit/s (or blank).`;
  }
  for (const [a, row] of cluster.links.entries()) {
    for (const [b, l] of row.entries()) {
      if (a === b) continue;
      if (!(l.bandwidthMbps >= LIMITS.bandwidthMbps[0] && l.bandwidthMbps <= LIMITS.bandwidthMbps[1]))
        return `Link ${a + 1}-${b + 1}: bandwidth must be ${LIMITS.bandwidthMbps[0]}..${LIMITS.bandwidthMbps[1]} Mbit/s.`;
      if (!(l.latencyMs >= 0 && l.latencyMs <= LIMITS.latencyMs[1])) return `Link ${a + 1}-${b + 1}: latency must be 0..${LIMITS.latencyMs[1]} ms.`;
      if (!(l.jitterMs >= 0 && l.jitterMs <= LIMITS.jitterMs[1])) return `Link ${a + 1}-${b + 1}: jitter must be 0..${LIMITS.jitterMs[1]} ms.`;
      if (!(l.lossRate >= 0 && l.lossRate <= LIMITS.lossRate[1])) return `Link ${a + 1}-${b + 1}: loss must be 0..${LIMITS.lossRate[1] * 100} %.`;
    }
  }
  return '';
}

/** A free spot for a new node: on a spiral around the others' centre. */
function spot(positions: [number, number][], k: number): [number, number] {
  const cx = positions.reduce((s, p) => s + p[0], 0) / Math.max(positions.length, 1);
  const cy = positions.reduce((s, p) => s + p[1], 0) / Math.max(positions.length, 1);
  const angle = k * 2.39996;
  const r = 20 + 6 * k;
  return [Math.round((cx + r * Math.cos(angle)) * 1000) / 1000, Math.round((cy + r * Math.sin(angle)) * 1000) / 1000];
}
