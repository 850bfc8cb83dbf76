/**
 * Link faults as the page offers them: a link is a pair of endpoints (both directions at once). Cut, degrade
 * and restore a link; slow a node (every link of it, ten times slower) and bring it back. Remembers the
 * configured links so that a restore puts back exactly what the scenario said.
 */
import type { Dispatcher } from '../../emulator/dispatcher';
import type { ScenarioLink } from '../../emulator/scenario';
import { endpointIdsOf, type LabScenario } from './scenario-spec';

export type LinkState = 'ok' | 'cut' | 'degraded';

/** How much a degraded link or a slowed node loses: a tenth of the bandwidth. */
export const DEGRADE_FACTOR = 10;

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export class LinkFaults {
  private readonly ids: string[];
  private readonly states = new Map<string, LinkState>();
  private readonly slowed = new Set<string>();

  constructor(
    private readonly scenario: Pick<LabScenario, 'nodes' | 'links'>,
    private readonly dispatcher: Pick<Dispatcher, 'cutLink' | 'restoreLink' | 'degradeLinks'>,
  ) {
    this.ids = endpointIdsOf(scenario);
  }

  state(a: string, b: string): LinkState {
    return this.states.get(pairKey(a, b)) ?? 'ok';
  }

  isSlowed(node: string): boolean {
    return this.slowed.has(node);
  }

  /** Pairs that are not 'ok', for drawing. */
  faulty(): { a: string; b: string; state: LinkState }[] {
    return [...this.states].map(([key, state]) => {
      const [a, b] = key.split('|');
      return { a, b, state };
    });
  }

  cut(a: string, b: string): void {
    this.check(a, b);
    this.dispatcher.cutLink(a, b);
    this.dispatcher.cutLink(b, a);
    this.states.set(pairKey(a, b), 'cut');
  }

  degrade(a: string, b: string): void {
    this.check(a, b);
    if (this.state(a, b) === 'degraded') return;
    this.dispatcher.degradeLinks([this.scaled(a, b), this.scaled(b, a)], { link: `${a}<->${b}` });
    if (this.state(a, b) !== 'cut') this.states.set(pairKey(a, b), 'degraded');
  }

  restore(a: string, b: string): void {
    this.check(a, b);
    const state = this.state(a, b);
    if (state === 'cut') {
      this.dispatcher.restoreLink(a, b);
      this.dispatcher.restoreLink(b, a);
    }
    this.states.delete(pairKey(a, b));
    if (state === 'degraded' || this.slowed.has(a) || this.slowed.has(b)) this.dispatcher.degradeLinks([this.current(a, b), this.current(b, a)], { link: `${a}<->${b}` });
  }

  /** Every link of `node`, both ways, ten times slower: a device whose radio or network got slow. */
  slow(node: string): void {
    this.check(node, node);
    if (this.slowed.has(node)) return;
    this.slowed.add(node);
    this.dispatcher.degradeLinks(this.others(node).flatMap((o) => [this.scaled(node, o), this.scaled(o, node)]), { node });
  }

  unslow(node: string): void {
    if (!this.slowed.delete(node)) return;
    this.dispatcher.degradeLinks(this.others(node).flatMap((o) => [this.current(node, o), this.current(o, node)]), { node });
  }

  private others(node: string): string[] {
    return this.ids.filter((id) => id !== node);
  }

  private configured(from: string, to: string): ScenarioLink {
    return this.scenario.links[this.ids.indexOf(from)][this.ids.indexOf(to)];
  }

  /** What the link should be now: configured, divided once if degraded or either end is slowed. */
  private current(from: string, to: string): { from: string; to: string; change: Omit<ScenarioLink, never> } {
    const link = this.configured(from, to);
    const slow = this.state(from, to) === 'degraded' || this.slowed.has(from) || this.slowed.has(to);
    return { from, to, change: { ...link, bandwidthMbps: slow ? link.bandwidthMbps / DEGRADE_FACTOR : link.bandwidthMbps } };
  }

  private scaled(from: string, to: string) {
    const link = this.configured(from, to);
    return { from, to, change: { bandwidthMbps: link.bandwidthMbps / DEGRADE_FACTOR } };
  }

  private check(a: string, b: string): void {
    for (const id of [a, b]) if (!this.ids.includes(id)) throw new RangeError(`'${id}' is not a node of the scenario`);
  }
}
