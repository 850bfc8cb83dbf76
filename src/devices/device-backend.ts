/**
 * The dispatcher's transport over real devices (docs/design.md, "Real devices"): control messages to a member go
 * as server `node` messages, data (stage models, request tensors, probes) on the host's data plane, in order per
 * member so a tensor never overtakes its stage's deploy. What the dispatcher hears is only what a real one could:
 * reports, results (verified against the whole model's), deliveries, and sends that failed because the member is
 * gone. Faults: kill removes the member from the session for real, hang makes it stop answering; a slowed device
 * and changed, cut or lossy links are emulated on top of the real ones (the sender of a link paces it); revive does
 * not exist on real devices (a member that comes back joins as a new node).
 */
import type { ClusterBackend, LinkChange, TransportEvent } from '../emulator/backend';
import { DISPATCHER, isDataMessage, type DispatcherMessage, type NodeReport } from '../emulator/node-protocol';
import { maxAbsDiff, type TensorValue } from '../model/ort-run';
import type { Clock } from '../netsim/clock';
import type { LinkStats } from '../netsim/types';
import type { LinkEmulation } from './data-plane';
import type { DeviceRunInputs } from './types';
import type { Part } from './wire';

/** What the backend needs of the host session. */
export interface HostLink {
  readonly clock: Clock;
  isMember(id: string): boolean;
  sendControl(to: string, body: Record<string, unknown>): boolean;
  sendData(to: string, header: Record<string, unknown>, parts: Part[]): void;
  kick(id: string): void;
  /** Emulates the host's own link to a member on top of the real one. */
  emulate(to: string, change: Partial<LinkEmulation>): void;
  detach(backend: DeviceBackend): void;
}

export class DeviceBackend implements ClusterBackend {
  readonly clock: Clock;
  private readonly listeners: ((event: TransportEvent) => void)[] = [];
  /** Data sends per member, in order (a stage model may still be being sliced). */
  private readonly chains = new Map<string, Promise<void>>();
  private disposed = false;

  constructor(
    private readonly host: HostLink,
    private readonly run: DeviceRunInputs,
  ) {
    this.clock = host.clock;
  }

  listen(listener: (event: TransportEvent) => void): void {
    this.listeners.push(listener);
  }

  send(to: string, message: DispatcherMessage): void {
    if (this.disposed) return;
    if (!this.host.isMember(to)) return this.failSoon(to);
    if (!isDataMessage(message)) {
      if (!this.host.sendControl(to, { p: message })) this.failSoon(to);
      return;
    }
    let parts: Part[] | Promise<Part[]> = [];
    if (message.type === 'deploy' && !message.stage.keep) parts = this.run.stages.model(message.stage.firstBlock, message.stage.lastBlock).then((bytes) => [bytes]);
    else if (message.type === 'tensor') {
      const source = this.run.inputs[message.requestId % this.run.inputs.length];
      parts = source.map((t) => ({ ...t, data: t.data.slice() }));
    } else if (message.type === 'probe-data') parts = [new Uint8Array(message.bytes)];
    const previous = this.chains.get(to) ?? Promise.resolve();
    const next = previous.then(async () => {
      const ready = await parts;
      if (!this.disposed) this.host.sendData(to, { p: message }, ready);
    });
    this.chains.set(
      to,
      next.catch((error: unknown) =>
        this.emit({ kind: 'message', atMs: this.clock.nowMs(), from: to, message: { type: 'error', message: `its stage model could not be prepared: ${String(error)}` } }),
      ),
    );
  }

  /** A checked report from a member (control or data); results are verified every verifyEvery-th. */
  report(from: string, message: NodeReport, parts: Part[]): void {
    if (this.disposed) return;
    let mismatch: number | undefined;
    const { expected, verifyEvery = 1 } = this.run;
    if (message.type === 'tensor' && expected && expected.length > 0 && verifyEvery > 0 && message.requestId % verifyEvery === 0) {
      const want = expected[message.requestId % expected.length];
      const got = parts.filter((p): p is TensorValue => !(p instanceof Uint8Array));
      mismatch = got.length !== want.length ? Infinity : Math.max(...want.map((t, i) => (got[i].dims.join() === t.dims.join() ? maxAbsDiff(t, got[i]) : Infinity)));
    }
    this.emit({ kind: 'message', atMs: this.clock.nowMs(), from, message, ...(mismatch !== undefined ? { mismatch } : {}) });
  }

  delivered(to: string, type: DispatcherMessage['type'], bytes: number, wireMs: number): void {
    if (!this.disposed) this.emit({ kind: 'delivered', atMs: this.clock.nowMs(), to, type, bytes, wireMs });
  }

  /** A send to `to` could not reach it: the server says it is not in the session. */
  failed(to: string): void {
    if (!this.disposed && to !== DISPATCHER) this.emit({ kind: 'send-failed', atMs: this.clock.nowMs(), to });
  }

  // ---- WorldControl ----

  kill(node: string): void {
    if (this.run.kill) this.run.kill(node);
    else this.host.kick(node);
  }

  hang(node: string): void {
    this.host.sendControl(node, { d: 'hang' });
  }

  revive(node: string): void {
    throw new Error(`real devices cannot be revived: a device that comes back joins as a new node (not ${node})`);
  }

  setNodeSpeed(node: string, gflops: number): void {
    if (!(gflops > 0 && Number.isFinite(gflops))) throw new RangeError(`'gflops' must be a finite number > 0, got ${gflops}`);
    this.host.sendControl(node, { d: 'speed', gflops });
  }

  setLink(from: string, to: string, change: LinkChange): void {
    const emulated: Partial<LinkEmulation> = {};
    if (change.bandwidthMbps !== undefined) emulated.bandwidthMbps = change.bandwidthMbps;
    if (change.latencyMs !== undefined) emulated.latencyMs = change.latencyMs;
    this.emulate(from, to, emulated);
  }

  setLinkUp(from: string, to: string, isUp: boolean): void {
    this.emulate(from, to, { isUp });
  }

  dropMessages(from: string, to: string, count: number): void {
    this.emulate(from, to, { drop: count });
  }

  linkStats(): LinkStats[] {
    return [];
  }

  dispose(): void {
    this.disposed = true;
    this.host.detach(this);
  }

  /** The sender of a link paces it: the host for its own links, else the member it starts from. */
  private emulate(from: string, to: string, change: Partial<LinkEmulation>): void {
    if (from === DISPATCHER) this.host.emulate(to, change);
    else this.host.sendControl(from, { d: 'link', to, change });
  }

  private failSoon(to: string): void {
    // as a socket would: the failure is observed after the call returns
    this.clock.schedule(this.clock.nowMs(), () => this.failed(to));
  }

  private emit(event: TransportEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
