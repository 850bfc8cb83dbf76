/**
 * The host of a real-devices session (docs/design.md, "Real devices"), DOM-free, for the host page, benches and
 * tests: it opens a session on the lab server, follows members as they join and leave, measures each member (a
 * calibration of the model's blocks on its onnxruntime-web) and each link (small and large probes, both ways), turns
 * the figures into a cluster file for the planner, and gives the dispatcher its transport (backend()). Everything
 * from a member is checked before it is used.
 */
import type { ClusterBackend } from '../emulator/backend';
import type { ClusterFile } from '../emulator/cluster-file';
import { DISPATCHER, type NodeReport } from '../emulator/node-protocol';
import { analyzeModel, decodeModel, randomInputs, sliceBlocks, type ModelAnalysis } from '../model/index';
import { realClock, type Clock } from '../netsim/clock';
import type { Profile } from '../planner/types';
import { joinUrl as makeJoinUrl, SESSION_PATH } from '../session/join-url';
import type { MemberInfo as SessionMember, PeerId, ServerMessage } from '../session/messages';
import { DataPlane, relayChannel, type PeerTraffic } from './data-plane';
import { DeviceBackend } from './device-backend';
import { checkCalibrated, checkReport, checkTraffic, destinationGone, type CalibratedBlocks } from './device-protocol';
import { measuredCluster, measuredLink, memberSpeed } from './measure';
import { defaultSocketFactory, PACE_SHARE, SessionSocket } from './session-socket';
import type { DeviceRunInputs, HopTraffic, MeasuredLink, MemberInfo, MemberSpeed, SocketFactory } from './types';
import type { Part } from './wire';

export interface HostOptions {
  /** WebSocket factory (default: the environment's WebSocket; in Node pass one around `ws`). */
  socket?: SocketFactory;
  clock?: Clock;
  /** Seeds the calibration inputs. */
  seed?: number;
  /** Host this existing session (e.g. the default session `serve` prints) instead of opening a new one. */
  session?: { code: string; token: string };
}

export interface MeasureOptions {
  /** The model's analysis (default: analysed here from the bytes). */
  analysis?: ModelAnalysis;
  /** Calibration runs of the whole chain of blocks per member (default 3). */
  repetitions?: number;
  /** Bytes of a large link probe (default 256 KiB) and rounds of small and large probes per link (default 5). */
  probeBytes?: number;
  probeRounds?: number;
  /** A member that does not answer a calibration or probe within this time is left out (default 30 s). */
  timeoutMs?: number;
  /**
   * Calibrate every member at once (default true). In a run every member of the plan computes at once, so that is the
   * speed to plan with: members that share a machine's cores (tabs on one laptop, the tests and benches) then each get
   * their share, and members on devices of their own get the same figure as alone, sooner. false: one after the other.
   */
  together?: boolean;
}

const GiB = 2 ** 30;
const SMALL_PROBE_BYTES = 64;
/** Measurement sequence numbers start here, far from the dispatcher's. */
const MEASURE_SEQ = 1_000_000_000;

interface Waiter {
  resolve(value: { roundTripMs: number; path: MeasuredLink['path'] } | CalibratedBlocks): void;
  reject(error: Error): void;
}

export class HostSession {
  readonly code: string;
  readonly joinUrl: string;
  private readonly clock: Clock;
  private readonly plane: DataPlane;
  private readonly memberMap = new Map<string, MemberInfo>();
  private readonly speedMap = new Map<string, MemberSpeed>();
  private readonly linkMap = new Map<string, MeasuredLink>();
  private readonly listeners = new Set<() => void>();
  private readonly waiters = new Map<number, Waiter>();
  /** Probes in flight: seq -> who must answer (the member asked to probe, or the one the host probes) and, for the host's own, when it left. */
  private readonly probes = new Map<number, { answerer: string; sentAtMs: number }>();
  /** Calibrations in flight: seq -> who was asked and the shape of the answer. */
  private readonly calibrations = new Map<number, { member: string; blocks: number; repetitions: number }>();
  private nextSeq = MEASURE_SEQ;
  /** Per member, the newest plan epoch it confirmed. */
  private readonly deployedEpochs = new Map<string, number>();
  /** Per directed link: the last two traffic samples (time, bytes) and what the sender said of it. */
  private readonly trafficMap = new Map<string, { samples: { atMs: number; bytes: number }[]; hop: HopTraffic }>();
  private active: DeviceBackend | null = null;
  private endedBy: 'host' | 'server' | null = null;

  private constructor(
    private readonly socket: SessionSocket,
    base: string,
    private readonly options: HostOptions,
  ) {
    this.clock = options.clock ?? realClock;
    this.code = socket.welcome.session;
    this.joinUrl = makeJoinUrl(base, this.code);
    this.plane = new DataPlane(
      (to) =>
        relayChannel(
          (p) => socket.sendFrame(to, p),
          () => socket.bufferedAmount,
          this.clock,
        ),
      this.clock,
      {
        envelope: (from, envelope) => this.envelope(from, envelope.header, envelope.parts),
        delivered: (to, header, bytes, wireMs) => {
          const type = (header.p as { type?: string } | undefined)?.type;
          if (type) this.active?.delivered(to, type as never, bytes, wireMs);
        },
        failed: (to) => this.active?.failed(to),
        garbled: () => undefined,
      },
    );
    for (const m of socket.welcome.members) this.joined(m);
    socket.listen({ message: (m) => this.message(m), frame: (from, payload) => this.plane.relayed(from, payload), closed: () => this.end('server') });
  }

  /** Opens a session on the lab server at `serverUrl` (http://ADDR:PORT, or its ws:// session URL). */
  static async open(serverUrl: string, options: HostOptions = {}): Promise<HostSession> {
    let url: URL;
    try {
      url = new URL(serverUrl);
    } catch {
      throw new Error(`'${serverUrl}' is not a URL: expected the lab server's address, such as http://127.0.0.1:8080`);
    }
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    const base = `${secure ? 'https' : 'http'}://${url.host}`;
    const hello = options.session ? ({ type: 'host', session: options.session.code, token: options.session.token } as const) : ({ type: 'open' } as const);
    const socket = await SessionSocket.connect(`${secure ? 'wss' : 'ws'}://${url.host}${SESSION_PATH}`, hello, options.socket ?? defaultSocketFactory());
    const host = new HostSession(socket, base, options);
    await socket.attachData(options.socket ?? defaultSocketFactory(), (from, payload) => host.plane.relayed(from, payload));
    return host;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  members(): MemberInfo[] {
    return [...this.memberMap.values()].map((m) => ({ ...m }));
  }

  speeds(): MemberSpeed[] {
    return [...this.speedMap.values()].map((s) => ({ ...s, msPerBlock: [...s.msPerBlock] }));
  }

  links(): MeasuredLink[] {
    return [...this.linkMap.values()].map((l) => ({ ...l }));
  }

  /** What each directed link carried while serving (members report theirs about once a second; the host's own are counted here). */
  traffic(): HopTraffic[] {
    for (const t of this.plane.traffic()) this.recordTraffic('host', t);
    return [...this.trafficMap.values()].map((t) => ({ ...t.hop }));
  }

  /** Calibrates every present member on the model's blocks, then probes every link both ways; bounded in time and bytes. */
  async measure(modelBytes: Uint8Array, profile: Profile, onProgress?: (done: number, total: number) => void, options: MeasureOptions = {}): Promise<void> {
    const { repetitions = 3, probeBytes = 256 * 1024, probeRounds = 5, timeoutMs = 30_000 } = options;
    const analysis = options.analysis ?? (await analyzeModel(decodeModel(modelBytes, profile.model), { name: profile.model }));
    if (analysis.blocks.length !== profile.blocks.length)
      throw new Error(`the profile has ${profile.blocks.length} blocks but the model has ${analysis.blocks.length}: measure with the profile of this model`);
    const blocks = analysis.blocks.map((_, i) => sliceBlocks(analysis, i, i).bytes);
    // and all of them as one model: the member's speed without a run's fixed cost counted once per block
    const whole = sliceBlocks(analysis, 0, analysis.blocks.length - 1).bytes;
    const names = analysis.topology.activationInputs;
    const feeds = randomInputs(analysis.inputShapes, Object.fromEntries(names.map((n) => [n, analysis.tensors.get(n)?.dtype ?? 'float32'])), this.options.seed ?? 1);
    const inputs = names.map((n) => feeds[n]);
    const totalFlops = profile.blocks.reduce((s, b) => s + b.flops, 0);
    const present = () => [...this.memberMap.values()].filter((m) => m.state !== 'gone').map((m) => m.id);
    const ids = present();
    const ends = [...ids, 'host'];
    const pairs = ends.flatMap((a) => ends.filter((b) => b !== a).map((b) => [a, b] as const));
    const total = ids.length + pairs.length;
    let done = 0;
    onProgress?.(done, total);
    const calibrate = async (id: string) => {
      const member = this.memberMap.get(id);
      if (!member || member.state === 'gone') return;
      member.state = 'measuring';
      this.changed();
      const seq = this.nextSeq++;
      const result = this.wait(seq, timeoutMs, `${id} did not finish its calibration`);
      this.calibrations.set(seq, { member: id, blocks: blocks.length, repetitions });
      this.plane.send(id, { d: 'calibrate-blocks', seq, repetitions, blocks: blocks.length, flops: totalFlops, whole: true }, [...blocks.map((b) => b.slice()), whole.slice(), ...inputs]);
      try {
        const calibrated = (await result) as CalibratedBlocks;
        this.speedMap.set(id, memberSpeed(id, calibrated.msPerBlock, totalFlops, calibrated.wholeMs));
        member.state = 'ready';
      } catch {
        member.state = this.memberMap.get(id)?.state === 'gone' ? 'gone' : 'joined';
      }
      this.calibrations.delete(seq);
      onProgress?.(++done, total);
      this.changed();
    };
    if (options.together ?? true) await Promise.all(ids.map(calibrate));
    else for (const id of ids) await calibrate(id);
    for (const [from, to] of pairs) {
      if (from !== 'host' && !this.speedMap.has(from)) continue;
      try {
        await this.probe(from, to, SMALL_PROBE_BYTES, timeoutMs); // warm-up: opens paths, fills caches
        const small: number[] = [];
        const large: number[] = [];
        let path: MeasuredLink['path'] = 'relay';
        for (let r = 0; r < probeRounds; r++) small.push((await this.probe(from, to, SMALL_PROBE_BYTES, timeoutMs)).roundTripMs);
        for (let r = 0; r < probeRounds; r++) {
          const probe = await this.probe(from, to, probeBytes, timeoutMs);
          large.push(probe.roundTripMs);
          path = probe.path;
        }
        const link = measuredLink(from, to, small, large, probeBytes, path);
        // a relayed link carries no more than the sender's connection may send to the server (its byte rate, paced)
        const relayBytesPerSec = (this.socket.welcome.limits?.bytesPerSec ?? Infinity) * PACE_SHARE;
        if (link.path === 'relay') link.bandwidthBytesPerSec = Math.min(link.bandwidthBytesPerSec, relayBytesPerSec);
        this.linkMap.set(`${from}->${to}`, link);
      } catch {
        // a member that left mid-probe: its links stay unmeasured and cluster() leaves it out
      }
      onProgress?.(++done, total);
      this.changed();
    }
  }

  /** The measured cluster for the planner: ready members (ids = member ids) and the host as the dispatcher. */
  cluster(): ClusterFile {
    return measuredCluster(this.members(), this.speedMap, this.linkMap);
  }

  /** The dispatcher's transport and the world's controls over the session's members (one at a time). */
  backend(run: DeviceRunInputs): ClusterBackend {
    this.active?.dispose();
    const backend = new DeviceBackend(
      {
        clock: this.clock,
        isMember: (id) => this.memberMap.get(id)?.state !== undefined && this.memberMap.get(id)?.state !== 'gone',
        sendControl: (to, body) => this.socket.send({ type: 'node', to, body }),
        sendData: (to, header, parts) => this.plane.send(to, header, parts),
        kick: (id) => this.socket.send({ type: 'kick', member: id }),
        emulate: (to, change) => this.plane.emulate(to, change),
        detach: (b) => {
          if (this.active === b) this.active = null;
        },
      },
      run,
    );
    this.active = backend;
    return backend;
  }

  /** Why the session is over: 'host' (close() here), 'server' (the lab server went away or ended it); null while open. */
  get closedBy(): 'host' | 'server' | null {
    return this.endedBy;
  }

  close(): void {
    this.end('host');
  }

  private end(by: 'host' | 'server'): void {
    if (this.endedBy) return;
    this.endedBy = by;
    this.active?.dispose();
    for (const waiter of this.waiters.values()) waiter.reject(new Error('the session closed'));
    this.waiters.clear();
    this.socket.close(1000, 'host closed');
    this.changed();
  }

  // ---- measurement ----

  private wait(seq: number, timeoutMs: number, what: string): Promise<{ roundTripMs: number; path: MeasuredLink['path'] } | CalibratedBlocks> {
    return new Promise((resolve, reject) => {
      const timer = this.clock.schedule(this.clock.nowMs() + timeoutMs, () => {
        this.waiters.delete(seq);
        reject(new Error(`${what} within ${timeoutMs / 1000} s`));
      });
      this.waiters.set(seq, {
        resolve: (value) => {
          this.clock.cancel(timer);
          this.waiters.delete(seq);
          resolve(value);
        },
        reject: (error) => {
          this.clock.cancel(timer);
          reject(error);
        },
      });
    });
  }

  private async probe(from: string, to: string, bytes: number, timeoutMs: number): Promise<{ roundTripMs: number; path: MeasuredLink['path'] }> {
    const seq = this.nextSeq++;
    const result = this.wait(seq, timeoutMs, `the probe ${from} -> ${to} did not come back`);
    this.probes.set(seq, { answerer: from === 'host' ? to : from, sentAtMs: this.clock.nowMs() });
    if (from === 'host') this.plane.send(to, { p: { type: 'probe-data', seq, bytes } }, [new Uint8Array(bytes)], false);
    else this.socket.send({ type: 'node', to: from, body: { p: { type: 'probe', seq, to: to === 'host' ? DISPATCHER : to, bytes } } });
    try {
      return (await result) as { roundTripMs: number; path: MeasuredLink['path'] };
    } finally {
      this.probes.delete(seq);
    }
  }

  // ---- from the server and the members ----

  private message(message: ServerMessage): void {
    switch (message.type) {
      case 'joined':
        this.joined(message.member);
        return;
      case 'left': {
        const member = this.memberMap.get(message.member);
        if (member) member.state = 'gone';
        this.announcePeers();
        this.changed();
        return;
      }
      case 'node': {
        if (!this.memberMap.has(message.from)) return;
        const body = message.body;
        if (body.d === 'calibrated-blocks') {
          const seq = Number(body.seq);
          const shape = this.calibrations.get(seq);
          const checked = shape && shape.member === message.from ? checkCalibrated(body, shape.blocks, shape.repetitions, true) : null;
          if (checked) this.waiters.get(seq)?.resolve(checked);
          return;
        }
        if (body.d === 'traffic') {
          for (const hop of checkTraffic(body) ?? []) this.recordTraffic(message.from, hop);
          return;
        }
        const report = checkReport(body.p);
        if (report) this.report(message.from, report, [], body.path === 'direct' ? 'direct' : 'relay');
        return;
      }
      case 'dropped':
        if (message.to !== 'host' && destinationGone(message.reason)) this.active?.failed(message.to);
        return;
      default:
        return;
    }
  }

  private envelope(from: PeerId, header: Record<string, unknown>, parts: Part[]): void {
    if (!this.memberMap.has(from)) return;
    const report = checkReport(header.p);
    if (!report) return;
    if (report.type === 'probe-data') {
      // echo a member's probe of its link to the host
      this.plane.send(from, { p: { type: 'probe-echo', seq: report.seq } }, [], false);
      return;
    }
    const probe = report.type === 'probe-echo' ? this.probes.get(report.seq) : undefined;
    if (report.type === 'probe-echo' && probe?.answerer === from) {
      this.waiters.get(report.seq)?.resolve({ roundTripMs: this.clock.nowMs() - probe.sentAtMs, path: 'relay' });
      return;
    }
    this.report(from, report, parts, 'relay');
  }

  private report(from: string, report: NodeReport, parts: Part[], path: MeasuredLink['path']): void {
    if (report.type === 'probe-result' && this.probes.get(report.seq)?.answerer === from) {
      this.waiters.get(report.seq)!.resolve({ roundTripMs: report.roundTripMs, path });
      return;
    }
    if (report.type === 'deployed') this.deployed(from, report.epoch);
    this.active?.report(from, report, parts);
  }

  /**
   * A member confirmed the stage of plan `epoch`: it serves. Every plan's members confirm its epoch (a kept stage too),
   * so a member whose newest confirmation is older than the newest plan is not in it: ready again.
   */
  private deployed(from: string, epoch: number): void {
    const member = this.memberMap.get(from);
    if (!member || member.state === 'gone') return;
    this.deployedEpochs.set(from, Math.max(epoch, this.deployedEpochs.get(from) ?? -1));
    const newest = Math.max(...this.deployedEpochs.values());
    for (const m of this.memberMap.values()) {
      if (m.state === 'gone') continue;
      const state = (this.deployedEpochs.get(m.id) ?? -1) === newest ? 'serving' : m.state === 'serving' ? 'ready' : m.state;
      if (state !== m.state) m.state = state;
    }
    this.changed();
  }

  private recordTraffic(from: string, hop: PeerTraffic): void {
    const key = `${from}->${hop.to}`;
    const nowMs = this.clock.nowMs();
    const entry = this.trafficMap.get(key) ?? { samples: [], hop: { from, to: hop.to, bytes: 0, bytesPerSec: 0, transferBytesPerSec: null, path: hop.path } };
    const last = entry.samples.at(-1);
    // a sample within 500 ms of the last one would make a noisy rate: keep the older one
    if (!last || nowMs - last.atMs >= 500) entry.samples = [...entry.samples.slice(-1), { atMs: nowMs, bytes: hop.bytes }];
    const [a, b] = entry.samples;
    entry.hop = {
      from,
      to: hop.to,
      bytes: hop.bytes,
      bytesPerSec: a && b && b.atMs > a.atMs ? ((b.bytes - a.bytes) / (b.atMs - a.atMs)) * 1000 : 0,
      transferBytesPerSec: hop.transferBytesPerSec,
      path: hop.path,
    };
    this.trafficMap.set(key, entry);
  }

  private joined(m: SessionMember): void {
    this.memberMap.set(m.id, {
      id: m.id,
      label: m.label ?? m.id,
      kind: m.device ?? 'browser',
      cores: m.cores ?? 1,
      memoryBytes: m.memoryGiB === null ? null : Math.round(m.memoryGiB * GiB),
      state: 'joined',
    });
    this.announcePeers();
    this.changed();
  }

  /** Every member learns who else is here, so pairs can open direct channels before traffic flows (and close them when one goes). */
  private announcePeers(): void {
    const ids = [...this.memberMap.values()].filter((x) => x.state !== 'gone').map((x) => x.id);
    for (const id of ids) this.socket.send({ type: 'node', to: id, body: { d: 'peers', ids } });
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
