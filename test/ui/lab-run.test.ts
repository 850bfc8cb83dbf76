import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { LabRun, type LabRunInput } from '../../src/ui/lab/lab-run';
import { planningProfile } from '../../src/ui/lab/coarse-profile';
import { StageCache } from '../../src/workers/stage-cache';
import type { ModelAnalysis } from '../../src/model/index';
import type { LabScenario } from '../../src/ui/lab/scenario-spec';
import { spawnThreadNode } from '../../src/workers/spawn-node';
import { floatTensor, model, node } from '../helpers/tiny-graphs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (const start = Date.now(); !condition(); await sleep(50)) if (Date.now() - start > timeoutMs) throw new Error('timed out');
}

/** Virtual mode, 20 times faster than real time. */
const fast = (patch: Partial<LabScenario> = {}): LabScenario => ({ ...defaultScenario(), mode: 'virtual', timeScale: 0.05, ...patch });

/** The input of a lab run on this analysis (stage models sliced here; the page slices them in its model worker). */
function input(analysis: ModelAnalysis, scenario: LabScenario, onEvent: LabRunInput['onEvent'] = () => undefined): LabRunInput {
  const stages = new StageCache(analysis);
  return { scenario, analysis, planning: planningProfile(analysis), spawn: spawnThreadNode, stageModel: async (a, b) => stages.get(a, b).bytes.slice(), onProgress: () => undefined, onEvent };
}

describe('LabRun.start(input) in virtual mode', () => {
  it('streams, then recovers from a kill: the node shows down at once, nothing is lost or duplicated', async () => {
    const analysis = await analyzeModel(buildTinyCnn(), { name: 'tiny', inputShape: [1, 3, 32, 32] });
    const events: string[] = [];
    const run = await LabRun.start(input(analysis, fast(), (e) => events.push(e.kind)));
    try {
      await waitFor(() => run.sample().completed > 20);
      const victim = run.plan?.stages[0].node as string;
      run.kill(victim);
      expect(run.sample().nodes.find((n) => n.id === victim)?.state).toBe('down');
      await waitFor(() => run.sample().epoch > 1 && run.sample().phase === 'running');
      const after = run.sample().completed;
      await waitFor(() => run.sample().completed > after + 20);
      const sample = run.sample();
      expect(sample.nodes.find((n) => n.id === victim)).toMatchObject({ state: 'down', detected: true });
      expect(run.plan?.stages.some((s) => s.node === victim)).toBe(false);
      expect([sample.lost, sample.duplicated, sample.errors, sample.verified]).toEqual([0, 0, 0, 0]);
      expect(events).toEqual(expect.arrayContaining(['plan', 'injected', 'observed', 'decision', 'deployed', 'phase']));
      expect(run.faultFigures().find((f) => f.kind === 'kill')?.outcome).toBe('replanned');
      // a hung node looks hung until the missed heartbeats give it away, then down
      const hung = run.plan?.stages[0].node as string;
      run.hang(hung);
      expect(run.sample().nodes.find((n) => n.id === hung)?.state).toBe('hung');
      await waitFor(() => run.sample().nodes.find((n) => n.id === hung)?.detected === true);
      expect(run.sample().nodes.find((n) => n.id === hung)?.state).toBe('down');
      run.revive(hung);
      await waitFor(() => run.sample().nodes.find((n) => n.id === hung)?.state === 'up');
    } finally {
      run.dispose();
    }
  });

  it('shows plans in block numbers when a long chain is planned on groups', async () => {
    const nodes = Array.from({ length: 600 }, (_, i) => node('Relu', [i === 0 ? 'x' : `t${i - 1}`], [i === 599 ? 'y' : `t${i}`], `relu${i}`));
    const analysis = await analyzeModel(model(nodes, { inputs: [['x', [1, 64]]], initializers: [floatTensor('unused', [1])] }), { name: 'long' });
    const run = await LabRun.start(input(analysis, fast()));
    try {
      // at most MAX_PLAN_BLOCKS groups, each ending at a small transfer (src/planner/grouping.ts)
      expect(run.groups.length).toBeLessThanOrEqual(200);
      expect(run.groups.length).toBeGreaterThan(100);
      const stages = run.plan?.stages ?? [];
      expect(stages[0].firstBlock).toBe(0);
      expect(stages.at(-1)?.lastBlock).toBe(599);
    } finally {
      run.dispose();
    }
  });

  it('slows a node, cuts and restores a link, pauses the load and changes pace live', async () => {
    const analysis = await analyzeModel(buildTinyCnn(), { name: 'tiny', inputShape: [1, 3, 32, 32] });
    const run = await LabRun.start(input(analysis, fast()));
    try {
      await waitFor(() => run.sample().completed > 5);
      run.node('slow', 'n1');
      run.link('cut', 'n2', 'n3');
      expect(run.sample().nodes.find((n) => n.id === 'n1')?.slowed).toBe(true);
      expect(run.faultyLinks()).toEqual([{ a: 'n2', b: 'n3', state: 'cut' }]);
      run.link('restore', 'n2', 'n3');
      run.node('unslow', 'n1');
      expect(run.faultyLinks()).toEqual([]);
      expect(run.setTimeScale(0.1)).toBe(true);
      run.pause();
      const paused = run.sample();
      expect(paused.loadPaused).toBe(true);
      await sleep(300);
      expect(run.sample().atSec).toBe(paused.atSec);
      run.resume();
      await waitFor(() => run.sample().completed > paused.completed);
      expect(() => run.kill('n99')).toThrow(RangeError);
    } finally {
      run.dispose();
    }
  });

  it('slowCpu(id) slows a device four times (a fault of the world the dispatcher has to notice) and again restores it', async () => {
    const analysis = await analyzeModel(buildTinyCnn(), { name: 'tiny', inputShape: [1, 3, 32, 32] });
    const run = await LabRun.start(input(analysis, fast()));
    try {
      await waitFor(() => run.sample().completed > 5);
      const victim = run.plan?.stages[0].node as string;
      run.slowCpu(victim);
      expect(run.sample().nodes.find((n) => n.id === victim)?.cpuSlowed).toBe(true);
      expect(run.faultFigures().find((f) => f.kind === 'slow')).toMatchObject({ node: victim });
      run.slowCpu(victim);
      expect(run.sample().nodes.find((n) => n.id === victim)?.cpuSlowed).toBe(false);
      const after = run.sample().completed;
      await waitFor(() => run.sample().completed > after + 5);
      expect([run.sample().lost, run.sample().duplicated]).toEqual([0, 0]);
    } finally {
      run.dispose();
    }
  });
});
