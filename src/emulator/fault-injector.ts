/**
 * Injects faults into the world: the devices and links of a backend, relative to the scenario as configured.
 * It keeps what each link suffers (cut, degraded, an end's radio slowed) so that a repair puts back exactly the
 * configured figures. The dispatcher is never told; it has to notice (docs/design.md, "Faults belong to the world").
 */
import { linkKey } from '../netsim/world';
import type { WorldControl } from './backend';
import { isLinkFault, type ScheduledFault } from './fault-schedule';
import { DISPATCHER } from './node-protocol';
import { endpointIds, endpointIndex, linkBetween, type Scenario } from './scenario';

export class FaultInjector {
  private readonly ids: string[];
  private readonly index: Map<string, number>;
  /** Directed links degraded (by linkKey), with their factor. */
  private readonly degraded = new Map<string, { from: string; to: string; factor: number }>();
  private readonly radioSlowed = new Map<string, number>();
  private readonly cpuSlowed = new Map<string, number>();
  private readonly cut = new Map<string, { from: string; to: string }>();
  private readonly down = new Map<string, 'down' | 'hung'>();

  constructor(
    private readonly world: WorldControl,
    private readonly scenario: Scenario,
  ) {
    this.ids = endpointIds(scenario);
    this.index = endpointIndex(scenario);
  }

  /** Throws RangeError naming the id when the fault names a node the scenario does not have. */
  check(fault: ScheduledFault): void {
    const named = isLinkFault(fault) ? [fault.from, fault.to] : [fault.node];
    for (const id of named) if (!this.index.has(id)) throw new RangeError(`'${id}' is not a node of the scenario (nodes: ${this.ids.join(', ')})`);
    if (!isLinkFault(fault) && fault.node === DISPATCHER) throw new RangeError(`the dispatcher itself cannot ${fault.kind}: pick a node`);
    if (isLinkFault(fault) && fault.from === fault.to) throw new RangeError(`a link joins two different nodes, got ${fault.from} twice`);
  }

  apply(fault: ScheduledFault): void {
    this.check(fault);
    if (isLinkFault(fault)) {
      for (const [from, to] of fault.both
        ? [
            [fault.from, fault.to],
            [fault.to, fault.from],
          ]
        : [[fault.from, fault.to]])
        this.applyLink(fault, from, to);
      return;
    }
    const node = fault.node;
    switch (fault.kind) {
      case 'kill':
        this.down.set(node, 'down');
        return this.world.kill(node);
      case 'hang':
        this.down.set(node, 'hung');
        return this.world.hang(node);
      case 'revive':
        this.down.delete(node);
        return this.world.revive(node);
      case 'slow':
        this.setFactor(this.cpuSlowed, node, fault.factor);
        return this.world.setNodeSpeed(node, this.configuredGflops(node) / fault.factor);
      case 'slow-links':
        this.setFactor(this.radioSlowed, node, fault.factor);
        for (const other of this.ids) {
          if (other === node) continue;
          this.refresh(node, other);
          this.refresh(other, node);
        }
        return;
    }
  }

  /** What the world does to a node now, as injected: for the views (the dispatcher does not read it). */
  nodeState(node: string): 'up' | 'down' | 'hung' {
    return this.down.get(node) ?? 'up';
  }

  cpuFactor(node: string): number {
    return this.cpuSlowed.get(node) ?? 1;
  }

  radioFactor(node: string): number {
    return this.radioSlowed.get(node) ?? 1;
  }

  /** Directed links that are cut or degraded as injected. */
  faultyLinks(): { from: string; to: string; state: 'cut' | 'degraded' }[] {
    const cut = [...this.cut.values()].map(({ from, to }) => ({ from, to, state: 'cut' as const }));
    const degraded = [...this.degraded].filter(([key]) => !this.cut.has(key)).map(([, { from, to }]) => ({ from, to, state: 'degraded' as const }));
    return [...cut, ...degraded];
  }

  /** 'cut', 'degraded' or 'ok' for the link from -> to as injected. */
  linkState(from: string, to: string): 'ok' | 'cut' | 'degraded' {
    const key = linkKey(from, to);
    if (this.cut.has(key)) return 'cut';
    return this.degraded.has(key) ? 'degraded' : 'ok';
  }

  private applyLink(fault: ScheduledFault & { from: string }, from: string, to: string): void {
    const key = linkKey(from, to);
    switch (fault.kind) {
      case 'cut':
        this.cut.set(key, { from, to });
        return this.world.setLinkUp(from, to, false);
      case 'restore':
        this.degraded.delete(key);
        this.refresh(from, to);
        if (this.cut.delete(key)) this.world.setLinkUp(from, to, true);
        return;
      case 'degrade':
        checkFactor(fault.factor);
        if (fault.factor === 1) this.degraded.delete(key);
        else this.degraded.set(key, { from, to, factor: fault.factor });
        return this.refresh(from, to);
      case 'drop':
        return this.world.dropMessages(from, to, fault.count);
    }
  }

  /** Sets the link's rate to what its faults say: configured, divided by the worst of its degrade and its ends' radios. */
  private refresh(from: string, to: string): void {
    const link = linkBetween(this.scenario, this.index, from, to);
    const factor = Math.max(this.degraded.get(linkKey(from, to))?.factor ?? 1, this.radioSlowed.get(from) ?? 1, this.radioSlowed.get(to) ?? 1);
    this.world.setLink(from, to, { bandwidthMbps: link.bandwidthMbps / factor });
  }

  private setFactor(map: Map<string, number>, key: string, factor: number): void {
    checkFactor(factor);
    if (factor === 1) map.delete(key);
    else map.set(key, factor);
  }

  private configuredGflops(node: string): number {
    const spec = this.scenario.nodes.find((n) => n.id === node);
    if (!spec) throw new RangeError(`'${node}' is not a device of the scenario`);
    return spec.gflops;
  }
}

function checkFactor(factor: number): void {
  if (!(factor >= 1 && Number.isFinite(factor))) throw new RangeError(`'factor' must be a finite number >= 1, got ${factor}`);
}
