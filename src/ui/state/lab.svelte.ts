/**
 * The lab: the scenario, the model and the live run, and every user intent that spans them (a new model, a
 * new cluster, a fault, the time scale). Views call these methods; the URL follows the scenario.
 */
import { describeError } from '../../errors';
import { defaultScenario } from '../lab/default-scenario';
import { scenarioFromFile, scenarioToFile } from '../lab/scenario-file';
import { droppedNotice, MAX_HASH_CHARS, readScenarioLink, scenarioToLink } from '../lab/scenario-url';
import { maxNodes, UPLOADED_MODEL, type LabScenario } from '../lab/scenario-spec';
import type { LabRun } from '../lab/lab-run';
import type { PlanReport } from '../../planner/types';
import type { WireTensor } from '../../workers/protocol';
import { SHAPE_ERROR_CODES } from '../lab/shape-form';
import { CompareState } from './compare-state.svelte';
import { DevicesState } from './devices-state.svelte';
import { isMeasuredCluster, measuredScenario } from '../lab/devices-host';
import { ModelState } from './model-state.svelte';
import { RunState } from './run-state.svelte';
import { ViewState } from './view-state.svelte';
import { createHooks, type SeiferLabHooks } from './hooks';

export class LabState {
  scenario = $state.raw<LabScenario>(defaultScenario());
  /** A message for the user that is not an error of the run (a bad link, a model that could not load). */
  notice = $state('');
  readonly model = new ModelState();
  readonly run = new RunState();
  readonly view = new ViewState();
  readonly compare = new CompareState();
  /** The real-devices session (devices mode). */
  readonly devices = new DevicesState();
  /** Bumped on every (re)start: views animate the change of plan. */
  generation = $state(0);

  /** The running plan when it belongs to the model on show: a model just loaded shows no stale stages. */
  get plan(): PlanReport | null {
    return this.run.analysis !== null && this.run.analysis === this.model.analysis ? this.run.plan : null;
  }

  /** Opens the page's scenario: from the link (its good fields, saying which it left out), else the default. */
  async init(hash: string): Promise<void> {
    const parsed = await readScenarioLink(hash, defaultScenario());
    if (!parsed.ok) {
      this.notice = parsed.error.message;
      await this.apply(defaultScenario());
      return;
    }
    this.notice = droppedNotice(parsed.dropped);
    await this.apply(parsed.scenario);
  }

  /** Makes `next` the scenario: reloads the model if it changed, restarts the run, updates the URL. */
  async apply(next: LabScenario): Promise<boolean> {
    if (next.nodes.length > maxNodes(next.mode)) {
      this.notice = `${next.nodes.length} nodes is too many in ${next.mode} mode (at most ${maxNodes(next.mode)}); use virtual mode for bigger clusters.`;
      return false;
    }
    const previous = this.scenario;
    const needModel = !this.model.analysis || next.model !== previous.model || next.modelSeed !== previous.modelSeed;
    this.scenario = next;
    this.writeUrl();
    this.run.stop();
    if (needModel && next.model !== UPLOADED_MODEL && !(await this.model.loadZoo(next.model, next.modelSeed))) {
      // the model could not load (its message is shown): carry on with the one we had, if any
      if (!this.model.analysis) return false;
      this.scenario = { ...next, model: previous.model, modelSeed: previous.modelSeed };
      this.writeUrl();
      await this.restart();
      return false;
    }
    return this.restart();
  }

  /**
   * A file dropped or picked: profiled, then run on the current cluster (a file that fails leaves the run alone;
   * one whose inputs need sizes opens the input shapes form, which calls this again with them).
   */
  async useModelFile(file: File, inputShapes?: Record<string, number[]>): Promise<boolean> {
    if (!(await this.model.loadFile(file, inputShapes))) {
      if (SHAPE_ERROR_CODES.includes(this.model.errorCode)) await this.model.askShapes(file);
      // sizes from the form that fail further on (shape inference) leave the form open to change them
      else if (!inputShapes) this.model.shapeRequest = null;
      return false;
    }
    this.model.shapeRequest = null;
    this.run.stop();
    this.scenario = { ...this.scenario, model: UPLOADED_MODEL };
    this.writeUrl();
    return this.restart();
  }

  async restart(): Promise<boolean> {
    const analysis = this.model.analysis;
    const planning = this.model.planning;
    if (!analysis || !planning) return false;
    const model = {
      reference: (inputs: WireTensor[][], progress: (label: string, fraction: number) => void) => this.model.reference(inputs, progress),
      stageModel: (first: number, last: number) => this.model.stageModel(first, last),
    };
    if (this.scenario.mode === 'devices') {
      // a run on real devices starts only on the cluster the session measured (Measure, then Run); until then the panel shows
      const measured = this.devices.measuredModel === this.model.profile?.model ? this.devices.measured : null;
      this.devices.showPanel = !isMeasuredCluster(this.scenario, measured);
      if (this.devices.showPanel) {
        this.run.stop();
        void this.devices.open();
        return false;
      }
      this.generation++;
      this.view.expandedStage = null;
      return this.run.start(this.scenario, analysis, planning, model, (inputs) => this.devices.backend(inputs));
    }
    this.generation++;
    this.view.expandedStage = null;
    return this.run.start(this.scenario, analysis, planning, model);
  }

  /** Devices mode: calibrates every member on the current model and probes every link. */
  async measureDevices(): Promise<boolean> {
    const profile = this.model.profile;
    if (!profile) return false;
    this.run.stop();
    // every block is timed on every member (the planner's grouping of long chains comes later, on the figures)
    const { bytes, analysis } = await this.model.whole();
    return this.devices.measure(bytes, profile, analysis);
  }

  /** Devices mode: plans on the measured cluster and runs on it (the dispatcher on this page). */
  async runDevices(): Promise<boolean> {
    if (!this.devices.measured) return false;
    return this.apply(measuredScenario(this.scenario, this.devices.measured));
  }

  /** Slow motion: live in virtual mode; real workers take their time scale at start, so they restart. */
  async setTimeScale(timeScale: number): Promise<void> {
    const next = { ...this.scenario, timeScale };
    if (this.run.active?.setTimeScale(timeScale)) {
      this.scenario = next;
      this.writeUrl();
      return;
    }
    await this.apply(next);
  }

  setChaos(perMin: number): void {
    this.scenario = { ...this.scenario, chaosPerMin: perMin };
    this.writeUrl();
    this.act((run) => run.setChaos(perMin));
  }

  /** The client's load (closed loop with a window, or open loop at a rate): live, and kept in the link. */
  setLoad(load: LabScenario['load']): void {
    this.scenario = { ...this.scenario, load };
    this.writeUrl();
    this.act((run) => run.setLoad(load));
  }

  act(what: (run: LabRun) => void): boolean {
    return this.run.act(what);
  }

  /** window.seiferLab.load(url): a scenario link (same page) or an .onnx file from this site. */
  async loadUrl(url: string): Promise<void> {
    // a value read once, not state: nothing reacts to it
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const target = new URL(url, document.baseURI);
    if (target.origin !== location.origin) throw new Error(`seiferLab.load: ${target.origin} is another site; the lab only loads its own files and scenario links`);
    if (/\.onnx$/i.test(target.pathname)) {
      const response = await fetch(target);
      if (!response.ok) throw new Error(`seiferLab.load: ${target.pathname} answered HTTP ${response.status}`);
      const name = target.pathname.split('/').pop() || 'model.onnx';
      await this.useModelFile(new File([await response.arrayBuffer()], name));
      return;
    }
    const parsed = await readScenarioLink(target.hash, this.scenario);
    if (!parsed.ok) {
      this.notice = parsed.error.message;
      return;
    }
    this.notice = droppedNotice(parsed.dropped);
    await this.apply(parsed.scenario);
  }

  /** The link to this scenario, or null (with a message) when even deflated it is too long for a link. */
  async shareUrl(): Promise<string | null> {
    const hash = await scenarioToLink(this.scenario);
    if (hash.length > MAX_HASH_CHARS) {
      this.notice = `This scenario takes ${Math.round(hash.length / 1024)} KB even compressed, too long for a link (at most ${MAX_HASH_CHARS / 1000} KB): use Save to share it as a file.`;
      return null;
    }
    return `${location.origin}${location.pathname}${location.search}#${hash}`;
  }

  /** The scenario as a JSON file's text (Save). */
  scenarioFile(): string {
    return scenarioToFile(this.scenario);
  }

  /** A scenario file (Open): its good fields over the current scenario, saying which it left out. */
  async openScenarioFile(file: File): Promise<boolean> {
    try {
      const { scenario, dropped } = scenarioFromFile(await file.text(), file.name, this.scenario);
      this.notice = droppedNotice(dropped);
      return await this.apply(scenario);
    } catch (error) {
      this.reportError(error);
      return false;
    }
  }

  hooks(): SeiferLabHooks {
    return createHooks(this);
  }

  reportError(error: unknown): void {
    this.notice = describeError(error);
  }

  private urlTicket = 0;

  /** The address bar follows the scenario (deflated when big; left bare when too big even so). */
  private writeUrl(): void {
    const ticket = ++this.urlTicket;
    void scenarioToLink(this.scenario).then((hash) => {
      if (ticket !== this.urlTicket) return;
      const url = hash.length > MAX_HASH_CHARS ? `${location.pathname}${location.search}` : `#${hash}`;
      history.replaceState(history.state, '', url);
    });
  }
}
