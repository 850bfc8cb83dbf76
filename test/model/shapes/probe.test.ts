import { readFileSync } from 'node:fs';
import { describe as group, expect, it } from 'vitest';
import { SeiferError } from '../../../src/errors';
import { decodeModel } from '../../../src/model/onnx-decode';
import { inferShapes, probeShapes } from '../../../src/model/shapes';
import { findZooEntry } from '../../../src/model/zoo';
import { encodeModel } from '../../../src/model/onnx-encode';
import type { Graph } from '../../../src/model/types';
import { constant, describe, expectMatchesProbe, f32, graphAttr, i64, int, model, op } from './build';

const ppocr = (name: string) => decodeModel(readFileSync(new URL(`../../../public/models/ppocr-${name}.onnx`, import.meta.url)), `ppocr-${name}.onnx`);

async function rejection(promise: Promise<unknown>): Promise<SeiferError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SeiferError) return error;
    throw error;
  }
  throw new Error('expected a SeiferError');
}

group('probeShapes', () => {
  it('probeShapes(model, shapes) reports graph inputs, weights and every node output, also ones that feed nothing', async () => {
    const m = model({
      inputs: { x: ['float32', ['n', 4]], w: ['float32', [4]] },
      initializers: [f32('w', [1, 2, 3, 4])],
      nodes: [op('Mul', ['x', 'w'], 'y'), op('Shape', ['y'], 'unused'), op('Relu', ['y'], 'out')],
    });
    const truth = await probeShapes(m, { x: [3, 4] });
    expect(['x', 'w', 'y', 'unused', 'out'].map((n) => describe(truth.get(n)))).toEqual(['float32[3,4]', 'float32[4]', 'float32[3,4]', 'int64[2]', 'float32[3,4]']);
    expect(truth.get('unused')?.value).toEqual([3, 4]);
  });

  it('probeShapes runs past ops inferShapes has no rule for, typing what follows them', async () => {
    const m = model({
      inputs: { x: ['float32', [2, 3]] },
      nodes: [{ ...op('Gelu', ['x'], 'g'), domain: 'com.microsoft' }, op('Shape', ['g'], 's'), op('Cast', ['s'], 'f', int('to', 1)), op('Less', ['f', 'f'], 'lt')],
      outputs: ['lt'],
    });
    m.opsetImports.push({ domain: 'com.microsoft', version: 1 });
    expect(() => inferShapes(m, {})).toThrow(/com\.microsoft\.Gelu node 'Gelu_g': seifer-lab has no shape rule/);
    const truth = await probeShapes(m, {});
    expect(['g', 's', 'f', 'lt'].map((n) => describe(truth.get(n)))).toEqual(['float32[2,3]', 'int64[2]', 'float32[2]', 'bool[2]']);
  });

  it('probeShapes turns an op onnxruntime-web cannot run into an unsupported-op error naming the node', async () => {
    const custom = model({ inputs: { x: ['float32', [2, 3]] }, nodes: [{ ...op('Foo', ['x'], 'y'), domain: 'com.example' }] });
    custom.opsetImports.push({ domain: 'com.example', version: 1 });
    const error = await rejection(probeShapes(custom, {}));
    expect(error.code).toBe('unsupported-op');
    expect(error.message).toMatch(/cannot run op 'com\.example\.Foo'/);
    expect(error.where).toBe("node 'Foo_y'");
    const noKernel = model({ opset: 14, inputs: { x: ['int64', [2, 3]] }, nodes: [op('Relu', ['x'], 'y')] });
    const kernelError = await rejection(probeShapes(noKernel, {}));
    expect(kernelError.code).toBe('unsupported-op');
    expect(kernelError.message).toMatch(/cannot run op 'Relu': it has no kernel for opset 14/);
  });

  it('probeShapes reports other onnxruntime failures as runtime errors', async () => {
    const m = model({ inputs: { a: ['float32', [2, 3]], b: ['float32', [4]] }, nodes: [op('Add', ['a', 'b'], 'y')] });
    const error = await rejection(probeShapes(m, {}));
    expect(error.code).toBe('runtime-error');
    expect(error.message).toMatch(/^onnxruntime-web failed: \[ShapeInferenceError\] Incompatible dimensions/);
  });
});

group('probeShapes with subgraphs', () => {
  it('probeShapes runs a Loop whose body outputs are untyped, as exporters write them (they survive decoding)', async () => {
    const body: Graph = {
      name: 'body',
      inputs: [
        { name: 'i', dtype: 'int64', shape: [] },
        { name: 'cond_in', dtype: 'bool', shape: [] },
        { name: 'v', dtype: 'float32' },
      ],
      nodes: [op('Identity', ['cond_in'], 'cond_out'), op('Add', ['v', 'one'], 'v_out'), op('Identity', ['v'], 'scan')],
      outputs: ['cond_out', 'v_out', 'scan'].map((name) => ({ name, dtype: 'float32' as const, opaqueType: null })),
      initializers: [],
      valueInfo: [],
    };
    const m = model({
      inputs: { x: ['float32', [2, 3]] },
      initializers: [f32('one', [1], [])],
      nodes: [constant(i64('trips', [3], [])), op('Loop', ['trips', '', 'x'], ['final', 'stacked'], graphAttr('body', body))],
      outputs: ['final', 'stacked'],
    });
    const reread = decodeModel(encodeModel(m));
    const loop = reread.graph.nodes[1].attributes[0];
    expect(loop.kind === 'graph' && loop.value.outputs.map((o) => o.opaqueType)).toEqual([null, null, null]);
    const truth = await probeShapes(reread, {});
    expect(['final', 'stacked'].map((n) => describe(truth.get(n)))).toEqual(['float32[2,3]', 'float32[3,2,3]']);
  });
});

group('inferShapes against probeShapes on real models', () => {
  const cases: [string, number[]][] = [
    ['cls', [1, 3, 48, 192]],
    ['det', [1, 3, 320, 320]],
    ['rec', [1, 3, 48, 320]],
  ];
  for (const [name, shape] of cases) {
    it(`inferShapes(ppocr-${name}) equals probeShapes on every tensor at ${shape.join('x')}`, async () => {
      const m = ppocr(name);
      expect(await expectMatchesProbe(m, { x: shape })).toBe(m.graph.nodes.reduce((n, node) => n + node.outputs.filter((o) => o).length, 1));
    });
  }

  it('inferShapes(ppocr-rec) equals probeShapes at another width (the shape arithmetic is not baked in)', async () => {
    await expectMatchesProbe(ppocr('rec'), { x: [2, 3, 48, 200] });
  });

  for (const name of ['tiny-cnn', 'resnet18', 'mobilenetv2']) {
    it(`inferShapes(${name}) equals probeShapes on every tensor`, async () => {
      const entry = findZooEntry(name);
      const m = entry?.build?.();
      if (!entry || !m) throw new Error(`zoo entry ${name} is missing`);
      await expectMatchesProbe(m, { [m.graph.inputs[0].name]: entry.inputShape });
    });
  }
});
