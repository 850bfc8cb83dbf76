/**
 * The host page's side of a real-devices session (docs/design.md, "Real devices"): where the session service is
 * (the server this page came from), the host link `seifer-lab serve` prints, and the measured cluster as a lab
 * scenario, so the run loop, the cluster view, the metrics and the ledger work as in the other modes.
 */
import { clusterFile, scenarioFromCluster, type ClusterFile } from '../../emulator/cluster-file';
import type { MeasuredLink, MemberInfo, MemberSpeed } from '../../devices/types';
import { SESSION_PATH } from '../../session/join-url';
import { normalizeSessionCode } from '../../session/session-code';
import type { LabScenario } from './scenario-spec';

/** Where the session service of the server at `pageUrl` answers, or why this page cannot have one. */
export function sessionUrlOf(pageUrl: string): { ok: true; url: string } | { ok: false; why: string } {
  const page = new URL(pageUrl);
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return { ok: false, why: `this page was opened from ${page.protocol}// (a file), not from a server` };
  return { ok: true, url: `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}${SESSION_PATH}` };
}

/** What the page says when there is no session service behind it. */
export function needsServeMessage(why: string): string {
  return `Real devices need the lab server: run "npx seifer-lab serve" and open the address it prints (${why}).`;
}

/** The host link `seifer-lab serve` prints (#session=CODE&host=TOKEN): whoever opens it hosts that session. */
export interface HostLink {
  code: string;
  token: string;
}

export function readHostLink(hash: string): HostLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = normalizeSessionCode(params.get('session') ?? '');
  const token = params.get('host') ?? '';
  return code && /^[A-Za-z0-9_-]{16,64}$/.test(token) ? { code, token } : null;
}

/** The lab scenario of a measured cluster: its members and measured links; the run settings of `base`. */
export function measuredScenario(base: LabScenario, cluster: ClusterFile): LabScenario {
  const measured = scenarioFromCluster(cluster, { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0 });
  return { ...base, mode: 'devices', nodes: measured.nodes, links: measured.links, positions: null };
}

/** Whether `scenario` is the cluster the session measured (same members, same figures): a run may start on it. */
export function isMeasuredCluster(scenario: LabScenario, cluster: ClusterFile | null): boolean {
  if (!cluster) return false;
  return JSON.stringify(clusterFile(scenario)) === JSON.stringify(clusterFile(measuredScenario(scenario, cluster)));
}

/** One member's row in the host's table: what it said about itself and what was measured on it. */
export interface MemberRow {
  info: MemberInfo;
  speed: MemberSpeed | null;
}

export function memberRows(members: readonly MemberInfo[], speeds: readonly MemberSpeed[]): MemberRow[] {
  return members.map((info) => ({ info, speed: speeds.find((s) => s.id === info.id) ?? null }));
}

/** Links in a stable order (host first, then by member), one row per direction. */
export function sortedLinks(links: readonly MeasuredLink[]): MeasuredLink[] {
  const rank = (id: string) => (id === 'host' || id === 'dispatcher' ? -1 : Number(id.replace(/\D/g, '')) || 0);
  return [...links].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
}
