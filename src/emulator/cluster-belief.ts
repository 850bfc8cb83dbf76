/**
 * What the dispatcher believes about the cluster: the devices and links as configured, corrected by what it
 * measured (a device's speed from its stage times, a link's rate from transfer times and probes), minus what it
 * found dead. The planner plans on this belief, never on the world's truth. See docs/design.md, "Detection
 * and re-planning".
 */
import { linkKey } from '../netsim/world';
import type { Cluster } from '../planner/types';

export interface Survivors {
  /** The cluster as believed, every node included. */
  cluster: Cluster;
  deadNodes: string[];
  /** Directed pairs [from, to] believed cut. */
  deadLinks: [string, string][];
}

export class ClusterBelief {
  private readonly index = new Map<string, number>();
  private readonly gflops = new Map<string, number>();
  private readonly bandwidthMbps = new Map<string, { from: string; to: string; mbps: number }>();
  private readonly deadNodeSet = new Set<string>();
  private readonly deadLinkSet = new Map<string, [string, string]>();

  constructor(readonly nominal: Cluster) {
    nominal.nodes.forEach((n, i) => this.index.set(n.id, i));
  }

  has(node: string): boolean {
    return this.index.has(node);
  }

  /** Configured speed of a device. */
  nominalGflops(node: string): number {
    return this.nominal.nodes[this.at(node)].gflops;
  }

  /** Believed speed of a device (measured, or as configured). */
  gflopsOf(node: string): number {
    return this.gflops.get(node) ?? this.nominalGflops(node);
  }

  setGflops(node: string, gflops: number): void {
    this.at(node);
    if (Math.abs(gflops / this.nominalGflops(node) - 1) < 1e-9) this.gflops.delete(node);
    else this.gflops.set(node, gflops);
  }

  /** Devices whose believed speed differs from their configured one (measured slower or faster). */
  measuredNodes(): string[] {
    return [...this.gflops.keys()];
  }

  nominalLink(from: string, to: string): { bandwidthMbps: number; latencyMs: number } {
    const i = this.at(from);
    const j = this.at(to);
    return { bandwidthMbps: this.nominal.bandwidthMbps[i][j], latencyMs: this.nominal.latencyMs?.[i][j] ?? 0 };
  }

  bandwidthOf(from: string, to: string): number {
    return this.bandwidthMbps.get(linkKey(from, to))?.mbps ?? this.nominalLink(from, to).bandwidthMbps;
  }

  setBandwidth(from: string, to: string, bandwidthMbps: number): void {
    const key = linkKey(from, to);
    if (Math.abs(bandwidthMbps / this.nominalLink(from, to).bandwidthMbps - 1) < 1e-9) this.bandwidthMbps.delete(key);
    else this.bandwidthMbps.set(key, { from, to, mbps: bandwidthMbps });
  }

  /** Links with a measured rate, as [from, to]. */
  measuredLinks(): [string, string][] {
    return [...this.bandwidthMbps.values()].map(({ from, to }) => [from, to]);
  }

  isDead(node: string): boolean {
    return this.deadNodeSet.has(node);
  }

  /** False when it was already believed dead. */
  markDead(node: string): boolean {
    if (this.deadNodeSet.has(node)) return false;
    this.deadNodeSet.add(node);
    return true;
  }

  markAlive(node: string): boolean {
    return this.deadNodeSet.delete(node);
  }

  deadNodes(): string[] {
    return [...this.deadNodeSet];
  }

  isLinkDead(from: string, to: string): boolean {
    return this.deadLinkSet.has(linkKey(from, to));
  }

  markLinkDead(from: string, to: string): boolean {
    const key = linkKey(from, to);
    if (this.deadLinkSet.has(key)) return false;
    this.deadLinkSet.set(key, [from, to]);
    return true;
  }

  markLinkAlive(from: string, to: string): boolean {
    return this.deadLinkSet.delete(linkKey(from, to));
  }

  deadLinks(): [string, string][] {
    return [...this.deadLinkSet.values()];
  }

  /** The cluster as believed now: measured speeds and rates in place of the configured ones (rows copied only where changed). */
  cluster(): Cluster {
    if (this.gflops.size === 0 && this.bandwidthMbps.size === 0) return this.nominal;
    const nodes = this.gflops.size === 0 ? this.nominal.nodes : this.nominal.nodes.map((n) => (this.gflops.has(n.id) ? { ...n, gflops: this.gflops.get(n.id) as number } : n));
    const bandwidthMbps = [...this.nominal.bandwidthMbps];
    for (const { from, to, mbps } of this.bandwidthMbps.values()) {
      const i = this.at(from);
      if (bandwidthMbps[i] === this.nominal.bandwidthMbps[i]) bandwidthMbps[i] = [...bandwidthMbps[i]];
      bandwidthMbps[i][this.at(to)] = mbps;
    }
    return { ...this.nominal, nodes, bandwidthMbps };
  }

  survivors(): Survivors {
    return { cluster: this.cluster(), deadNodes: this.deadNodes(), deadLinks: this.deadLinks() };
  }

  private at(node: string): number {
    const i = this.index.get(node);
    if (i === undefined) throw new RangeError(`'${node}' is not a node of the cluster`);
    return i;
  }
}
