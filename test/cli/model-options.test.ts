import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../src/model/index';
import { runCli } from '../helpers/cli';
import { sampleRateModel } from '../helpers/sample-rate-model';
import { statefulChain } from '../helpers/stateful-chain';

const dir = mkdtempSync(join(tmpdir(), 'seifer-options-'));
const file = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const stateful = file('stateful.onnx', encodeModel(statefulChain(3, { batchName: 'batch' })));
const rate = file('rate.onnx', encodeModel(sampleRateModel()));

describe('--input-shape and --input-value (inspect, profile, split, plan)', () => {
  it('binds a named dimension once: --input-shape x=3x16 makes the states 3x8 as well', async () => {
    const { code, stdout } = await runCli('inspect', stateful, '--input-shape', 'x=3x16', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).inputs.map((i: { name: string; shape: number[] }) => `${i.name}=${i.shape.join('x')}`)).toEqual(['x=3x16', 'h=3x8', 'c=3x8']);
  });

  it('combines repeated --input-shape options, and names both sides of a conflict', async () => {
    const ok = await runCli('inspect', stateful, '--input-shape', 'x=2x16', '--input-shape', 'h=2x8,c=2x8', '--json');
    expect(ok.code).toBe(0);
    const conflict = await runCli('inspect', stateful, '--input-shape', 'x=2x16', '--input-shape', 'h=3x8');
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/'h=3x8' cannot be used: dimension 'batch' is 3 here but 2 in x=2x16/);
  });

  it('profiles a recurrent-state model into several blocks, marking how many tensors cross each cut', async () => {
    const { stdout } = await runCli('profile', stateful, '--json');
    const p = JSON.parse(stdout);
    expect(p.blocks.length).toBeGreaterThan(5);
    expect(p.blocks.slice(0, -1).every((b: { outTensors: number }) => b.outTensors >= 3)).toBe(true);
    const text = await runCli('inspect', stateful);
    expect(text.stdout).toMatch(/0 single-tensor cut points \(\+\d+ multi-tensor\), \d+ blocks/);
  });

  it('--input-value fixes an input: the If it decides is inlined, and the split verifies against the model as read', async () => {
    const inspect = JSON.parse((await runCli('inspect', rate, '--input-value', 'sr=16000', '--json')).stdout);
    expect(inspect.inlinedIfs).toEqual(['if_sr']);
    expect(inspect.fixedInputs).toEqual({ sr: [16000] });
    expect(inspect.blocks.length).toBe(5);
    const split = await runCli('split', rate, '--input-value', 'sr=16000', '--stages', '3', '--verify', '--json');
    expect(split.code).toBe(0);
    expect(JSON.parse(split.stdout).maxAbsDiff).toBeLessThanOrEqual(1e-4);
    const plan = await runCli('plan', '--model', rate, '--input-value', 'sr=8000', '--nodes', '3', '--memory', '64', '--json');
    expect(plan.code).toBe(0);
  });

  it('stage files written by split --out keep their boundary shapes and can be inspected on their own', async () => {
    const out = mkdtempSync(join(dir, 'stages-'));
    expect((await runCli('split', stateful, '--stages', '3', '--out', out)).code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files.length).toBe(3);
    for (const name of files.slice(1)) {
      const { code, stdout, stderr } = await runCli('inspect', join(out, name), '--json');
      expect(code, stderr).toBe(0);
      expect(JSON.parse(stdout).inputs.every((i: { shape: number[] }) => i.shape.length === 2)).toBe(true);
    }
  });
});
