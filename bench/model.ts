/**
 * `npm run bench -- model`: per zoo model, load/generate, profile and split times, cut counts (SEIFER's single-tensor
 * cuts, then the multi-tensor ones of docs/design.md "Cut points"), and the split check.
 */
import { balancedCuts, analyzeModel, singleTensorCuts, splitModel, verifyChain } from '../src/model/index';
import { zoo } from '../src/model/zoo/index';
import type { Command } from '../src/cli/command';
import { flagOption, listOption, numberOption, parseCommandArgs } from '../src/cli/args';
import { formatBytes, formatCount, table } from '../src/cli/format';
import { loadModelArg } from '../src/cli/model-source';

export const modelBench: Command = {
  name: 'model',
  summary: 'Load, profile and split every zoo model; check chained == whole (maxAbsDiff).',
  usage: 'seifer-lab bench model [--model NAME]... [--stages 4] [--no-verify] [--json]',
  async run(argv, io) {
    const args = parseCommandArgs(argv, { model: { type: 'string', multiple: true }, stages: { type: 'string' }, 'no-verify': { type: 'boolean' }, json: { type: 'boolean' } }, this.usage);
    const names = listOption(args, 'model');
    const stageCount = numberOption(args, 'stages', 4, { integer: true, min: 1 });
    const verify = !flagOption(args, 'no-verify');
    const rows = [];
    for (const entry of zoo.filter((e) => names.length === 0 || names.includes(e.name))) {
      const t0 = performance.now();
      const loaded = loadModelArg(entry.name, io);
      const bytes = loaded.bytes();
      const t1 = performance.now();
      const analysis = await analyzeModel(loaded.model, { name: entry.name, inputShape: entry.inputShape });
      const t2 = performance.now();
      const stages = splitModel(analysis, balancedCuts(analysis.blocks, Math.min(stageCount, analysis.blocks.length)));
      const t3 = performance.now();
      let maxAbsDiff: number | null = null;
      if (verify) {
        io.progress(`verifying ${entry.name}`, 0);
        maxAbsDiff = (await verifyChain(analysis, stages, 1, bytes)).maxAbsDiff;
        io.progress(`verifying ${entry.name}`, 1);
      }
      const row = {
        model: entry.name,
        params: analysis.paramCount,
        bytes: bytes.byteLength,
        nodes: analysis.model.graph.nodes.length,
        cutCount: singleTensorCuts(analysis.cuts).length,
        multiTensorCutCount: analysis.cuts.length - singleTensorCuts(analysis.cuts).length,
        blocks: analysis.blocks.length,
        loadMs: round(t1 - t0),
        profileMs: round(t2 - t1),
        shapeSource: analysis.shapeSource,
        splitMs: round(t3 - t2),
        stages: stages.length,
        maxAbsDiff,
      };
      rows.push(row);
      io.err(
        `${entry.name}: load ${row.loadMs} ms, profile ${row.profileMs} ms, split ${row.splitMs} ms, ${row.cutCount} single-tensor cuts (+${row.multiTensorCutCount} multi-tensor)${verify ? `, maxAbsDiff ${maxAbsDiff}` : ''}`,
      );
    }
    if (flagOption(args, 'json')) io.out(JSON.stringify(rows, null, 2));
    else {
      io.out(
        table(
          ['model', 'params', 'size', 'nodes', 'cuts single', '+multi', 'blocks', 'load ms', 'profile ms', 'split ms', 'stages', 'maxAbsDiff'],
          rows.map((r) => [
            r.model,
            formatCount(r.params),
            formatBytes(r.bytes),
            r.nodes,
            r.cutCount,
            `+${r.multiTensorCutCount}`,
            r.blocks,
            r.loadMs,
            r.profileMs,
            r.splitMs,
            r.stages,
            r.maxAbsDiff === null ? '-' : r.maxAbsDiff.toExponential(2),
          ]),
        ),
      );
    }
    return rows.some((r) => r.maxAbsDiff !== null && !(r.maxAbsDiff <= 1e-4)) ? 1 : 0;
  },
};

const round = (ms: number) => Math.round(ms * 10) / 10;
