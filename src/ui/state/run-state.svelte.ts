/**
 * The live run as the views see it: a sample a few times a second, the chart history, the event log and the
 * progress of starting and deploying. All mutation goes through the LiveRun it holds.
 */
import type { RunEvent } from '../../emulator/run-loop';
import { describeError } from '../../errors';
import type { ModelAnalysis, TensorValue } from '../../model/index';
import type { PlanReport, Profile } from '../../planner/types';
import { spawnBrowserNode } from '../../workers/spawn-browser';
import type { WireTensor } from '../../workers/protocol';
import { LabRun, type LabRunInput } from '../lab/lab-run';
import type { LinkState } from '../lab/link-faults';
import { MetricsHistory, type HistoryMark, type HistoryPoint } from '../lab/metrics-history';
import type { RunSample } from '../lab/run-sample';
import type { LabScenario } from '../lab/scenario-spec';
import { describeEvent, type LogEntry } from '../lab/event-log';
import type { Progress } from './model-state.svelte';

/** Samples per second: enough for smooth counters and charts, light on the main thread. */
export const SAMPLE_HZ = 4;
const MAX_LOG = 200;

export class RunState {
  sample = $state.raw<RunSample | null>(null);
  plan = $state.raw<PlanReport | null>(null);
  /** The model the running plan belongs to. */
  analysis = $state.raw<ModelAnalysis | null>(null);
  history = $state.raw<{ points: HistoryPoint[]; marks: HistoryMark[] }>({ points: [], marks: [] });
  log = $state.raw<LogEntry[]>([]);
  linkStates = $state.raw<{ a: string; b: string; state: LinkState }[]>([]);
  progress = $state.raw<Progress | null>(null);
  error = $state('');
  /** Wall time of the last sample, for animations that interpolate between samples. */
  sampledAtMs = $state(0);
  private current: LabRun | null = null;
  private poller: ReturnType<typeof setInterval> | null = null;
  private metrics = new MetricsHistory();
  private pendingLog: LogEntry[] = [];
  private ticket = 0;

  /** The run going on, if any. */
  get active(): LabRun | null {
    return this.current;
  }

  get scenario(): LabScenario | null {
    return this.current?.scenario ?? null;
  }

  async start(
    scenario: LabScenario,
    analysis: ModelAnalysis,
    planning: { profile: Profile; groups: [number, number][] },
    model: {
      reference: (inputs: WireTensor[][], progress: (l: string, f: number) => void) => Promise<TensorValue[][]>;
      stageModel: (firstBlock: number, lastBlock: number) => Promise<Uint8Array>;
    },
    devices?: LabRunInput['devices'],
  ): Promise<boolean> {
    this.stop();
    const ticket = ++this.ticket;
    this.error = '';
    this.metrics = new MetricsHistory();
    this.history = { points: [], marks: [] };
    this.log = [];
    this.pendingLog = [];
    this.progress = { label: scenario.mode === 'virtual' ? 'starting the simulation' : 'starting nodes', fraction: 0 };
    const onProgress = (label: string, fraction: number) => {
      if (ticket === this.ticket) this.progress = { label, fraction };
    };
    try {
      const run = await LabRun.start({
        scenario,
        analysis,
        planning,
        spawn: spawnBrowserNode,
        onProgress,
        stageModel: model.stageModel,
        reference: (inputs) => model.reference(inputs, onProgress),
        onEvent: (event) => this.onEvent(event),
        devices,
      });
      if (ticket !== this.ticket) {
        run.dispose();
        return false;
      }
      this.current = run;
      this.analysis = analysis;
      this.plan = run.plan;
      this.poll();
      this.poller = setInterval(() => this.poll(), 1000 / SAMPLE_HZ);
      return true;
    } catch (error) {
      if (ticket === this.ticket) {
        this.error = describeError(error);
        this.progress = null;
      }
      return false;
    }
  }

  stop(): void {
    this.ticket++;
    if (this.poller !== null) clearInterval(this.poller);
    this.poller = null;
    this.current?.dispose();
    this.current = null;
    this.sample = null;
    this.plan = null;
    this.analysis = null;
    this.progress = null;
  }

  /** Runs a fault or control call on the live run; a bad id becomes a message, not an exception. */
  act(what: (run: LabRun) => void): boolean {
    const run = this.current;
    if (!run) return false;
    try {
      what(run);
      this.poll();
      return true;
    } catch (error) {
      this.error = describeError(error);
      return false;
    }
  }

  private poll(): void {
    const run = this.current;
    if (!run) return;
    const sample = run.sample();
    this.metrics.push({ atSec: sample.atSec, throughputPerSec: sample.throughputPerSec, predictedPerSec: sample.predictedPerSec, latencyMs: sample.latencyMs, completed: sample.completed });
    // one batch of reactive writes per sample: the views update together, a few times a second
    this.sample = sample;
    this.sampledAtMs = performance.now();
    this.history = this.metrics.snapshot();
    this.linkStates = run.faultyLinks();
    const deploy = sample.deploy;
    this.progress =
      deploy && (sample.phase === 'deploying' || sample.phase === 'redeploying')
        ? { label: `deploying stage models (${deploy.done}/${deploy.total} nodes ready${deploy.secondsLeft ? `, about ${deploy.secondsLeft} s left` : ''})`, fraction: deploy.fraction }
        : null;
    if (this.pendingLog.length > 0) {
      this.log = [...this.pendingLog.reverse(), ...this.log].slice(0, MAX_LOG);
      this.pendingLog = [];
    }
  }

  private onEvent(event: RunEvent): void {
    const run = this.current;
    if (event.kind === 'plan') this.plan = event.plan;
    if (event.kind === 'result' || !run) return;
    const atSec = (event.atMs - run.loop.startMs) / 1000;
    const entry = describeEvent(event, atSec);
    if (!entry) return;
    this.pendingLog.push(entry);
    if (entry.mark) this.metrics.mark({ atSec, kind: entry.mark, label: entry.short });
  }
}
