/** The planner's view of the cluster, kept up to date as links are changed at run time. */
import type { Cluster } from '../planner/types';

export interface LinkChange {
  bandwidthMbps?: number;
  latencyMs?: number;
  jitterMs?: number;
  lossRate?: number;
}

export class ClusterModel {
  private readonly overrides = new Map<string, Required<LinkChange>>();
  private derived: Cluster;

  constructor(private readonly base: Cluster) {
    this.derived = base;
  }

  get cluster(): Cluster {
    return this.derived;
  }

  /** A device's compute speed changed. */
  setNodeSpeed(node: string, gflops: number): void {
    const i = this.index(node);
    this.derived = { ...this.derived, nodes: this.derived.nodes.map((n, k) => (k === i ? { ...n, gflops } : n)) };
  }

  /** Merges a change into the link from -> to and recomputes what the planner sees. */
  change(from: string, to: string, change: LinkChange): void {
    const i = this.index(from);
    const j = this.index(to);
    const key = `${i}:${j}`;
    const previous = this.overrides.get(key) ?? {
      bandwidthMbps: this.base.bandwidthMbps[i][j],
      latencyMs: this.base.latencyMs?.[i][j] ?? 0,
      jitterMs: 0,
      lossRate: 0,
    };
    this.overrides.set(key, { ...previous, ...change });
    const bandwidthMbps = this.base.bandwidthMbps.map((row) => [...row]);
    const latencyMs = (this.base.latencyMs ?? this.base.nodes.map(() => this.base.nodes.map(() => 0))).map((row) => [...row]);
    for (const [k, link] of this.overrides) {
      const [a, b] = k.split(':').map(Number);
      // a lossy link is a slower one (every lost segment is sent again); jitter adds half its span on average
      bandwidthMbps[a][b] = link.bandwidthMbps * (1 - link.lossRate);
      latencyMs[a][b] = link.latencyMs + link.jitterMs / 2;
    }
    this.derived = { ...this.base, nodes: this.derived.nodes, bandwidthMbps, latencyMs };
  }

  private index(id: string): number {
    const i = this.base.nodes.findIndex((n) => n.id === id);
    if (i < 0) throw new RangeError(`'${id}' is not a node of the cluster`);
    return i;
  }
}
