import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import onnxPkg from 'onnx-proto';
import { decodeModel } from '../../src/model/onnx-decode';
import { encodeModel } from '../../src/model/onnx-encode';
import { thrownSeiferError } from '../helpers/asserts';
import { nestedIfs } from '../helpers/nested-ifs';
import { floatTensor, model, node, residualChain } from '../helpers/tiny-graphs';

const cls = new Uint8Array(readFileSync(new URL('../../public/models/ppocr-cls.onnx', import.meta.url)));

function codeOf(fn: () => unknown): string {
  const error = thrownSeiferError(fn);
  return `${error.code}: ${error.message}`;
}

describe('decodeModel(bytes)', () => {
  it('reads a real PaddleOCR model into plain typed data (numbers, not Long)', () => {
    const m = decodeModel(cls, 'ppocr-cls');
    expect(m.irVersion).toBe(8);
    expect(typeof m.irVersion).toBe('number');
    expect(m.opsetImports).toEqual([{ domain: '', version: 9 }]);
    expect(m.graph.nodes.length).toBe(471);
    expect(m.graph.inputs[0]).toEqual({ name: 'x', dtype: 'float32', shape: ['p2o.DynamicDimension.0', 3, 'p2o.DynamicDimension.1', 'p2o.DynamicDimension.2'] });
    const constants = m.graph.nodes.filter((n) => n.opType === 'Constant');
    expect(constants.length).toBe(250);
    expect(constants.every((n) => n.attributes[0].kind === 'tensor')).toBe(true);
  });

  it('round-trips through encodeModel, weights included', () => {
    const m = decodeModel(cls);
    const again = decodeModel(encodeModel(m));
    expect(again.graph.nodes.map((n) => n.opType)).toEqual(m.graph.nodes.map((n) => n.opType));
    const w = (x: typeof m) => x.graph.nodes.find((n) => n.opType === 'Constant' && n.attributes[0].kind === 'tensor' && n.attributes[0].value.dims.length === 4);
    const a = w(m)?.attributes[0];
    const b = w(again)?.attributes[0];
    expect(a?.kind === 'tensor' && b?.kind === 'tensor' && Buffer.from(a.value.data).equals(Buffer.from(b.value.data))).toBe(true);
  });

  it('keeps int64 extremes (Slice ends = INT64_MAX) through a round trip', () => {
    const m = model([node('Relu', ['x'], ['y'], 'r', [{ name: 'big', kind: 'ints', value: [2 ** 63, -(2 ** 63), -5, 2 ** 40] }])]);
    const back = decodeModel(encodeModel(m)).graph.nodes[0].attributes[0];
    expect(back.kind === 'ints' && back.value.map((v) => Math.sign(v))).toEqual([1, -1, -1, 1]);
    expect(back.kind === 'ints' && back.value.slice(2)).toEqual([-5, 2 ** 40]);
  });

  it('fills empty node names uniquely', () => {
    const m = residualChain();
    m.graph.nodes.forEach((n) => (n.name = ''));
    const names = decodeModel(encodeModel(m)).graph.nodes.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('Relu_0');
  });

  it('rejects an empty file', () => {
    expect(codeOf(() => decodeModel(new Uint8Array(), 'x.onnx'))).toMatch(/^empty-file: The file is empty \(0 bytes\) \(x.onnx\)/);
  });

  it('rejects a truncated file as truncated, saying to fetch it again', () => {
    expect(codeOf(() => decodeModel(cls.subarray(0, cls.length >> 1), 'cls.onnx'))).toMatch(/^truncated-file: .*ends too early.*fetch the file again/);
  });

  it('names what a non-ONNX file is', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(codeOf(() => decodeModel(text('{"layers": []}'), 'm.json'))).toMatch(/^not-onnx: .*a JSON file/);
    expect(codeOf(() => decodeModel(Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0]), 'm.pt'))).toMatch(/^not-onnx: .*PyTorch .*torch\.onnx\.export/);
    expect(codeOf(() => decodeModel(text('hello world, not a model'), 'a.txt'))).toMatch(/^not-onnx: /);
    expect(codeOf(() => decodeModel(new Uint8Array(64), 'zeros.bin'))).toMatch(/^not-onnx: .*no graph/);
  });

  it('rejects weights in external data files, saying how to save one file', () => {
    const { onnx } = onnxPkg;
    const bytes = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 13 }],
      graph: {
        name: 'g',
        node: [{ opType: 'Add', input: ['x', 'w'], output: ['y'] }],
        initializer: [{ name: 'w', dataType: 1, dims: [4], dataLocation: 1, externalData: [{ key: 'location', value: 'weights.bin' }] }],
        input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 4 }] } } } }],
        output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
      },
    }).finish();
    expect(codeOf(() => decodeModel(bytes, 'ext.onnx'))).toMatch(/^external-data: Weight tensor 'w' is stored in an external file 'weights.bin'.*save_as_external_data=False/);
  });

  it('rejects IR versions outside 3..10', () => {
    const m = residualChain();
    m.irVersion = 11;
    expect(codeOf(() => decodeModel(encodeModel(m)))).toMatch(/^unsupported-ir: IR version 11/);
  });

  it('checks its argument type', () => {
    expect(() => decodeModel('abc' as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('reads initializers stored in typed fields (float_data, int64_data) as raw bytes', () => {
    const { onnx } = onnxPkg;
    const bytes = onnx.ModelProto.encode({
      irVersion: 7,
      opsetImport: [{ domain: '', version: 11 }],
      graph: {
        node: [{ opType: 'Add', input: ['x', 'w'], output: ['y'] }],
        initializer: [
          { name: 'w', dataType: 1, dims: [2], floatData: [1.5, -2] },
          { name: 'i', dataType: 7, dims: [2], int64Data: [3, -4] },
        ],
        input: [{ name: 'x', type: { tensorType: { elemType: 1 } } }],
        output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
      },
    }).finish();
    const [w, i] = decodeModel(bytes).graph.initializers;
    expect(Array.from(new Float32Array(w.data.slice().buffer))).toEqual([1.5, -2]);
    expect(Array.from(new BigInt64Array(i.data.slice().buffer))).toEqual([3n, -4n]);
    expect(floatTensor('t', [1]).dtype).toBe('float32');
  });
});

describe('decodeModel on hostile files', () => {
  const { onnx } = onnxPkg;
  const addModel = (initializer: Record<string, unknown>, opset = 13) =>
    onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: '', version: opset }],
      graph: {
        node: [{ opType: 'Add', input: ['x', 'w'], output: ['y'] }],
        initializer: [{ name: 'w', dataType: 1, ...initializer }],
        input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 4 }] } } } }],
        output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
      },
    }).finish();

  it('rejects a negative or absurd tensor dimension, naming the tensor', () => {
    expect(codeOf(() => decodeModel(addModel({ dims: [-3], rawData: new Uint8Array(12) }), 'neg.onnx'))).toMatch(
      /^invalid-model: The model is not valid ONNX: tensor 'w' has the dimension -3 .*\(neg\.onnx, tensor 'w'\)/,
    );
    expect(codeOf(() => decodeModel(addModel({ dims: [2 ** 40, 2 ** 40], rawData: new Uint8Array(4) })))).toMatch(/^invalid-model: .*more elements than any file can hold/);
  });

  it('rejects weight data shorter (or longer) than its dims need', () => {
    expect(codeOf(() => decodeModel(addModel({ dims: [4], rawData: new Uint8Array(8) }), 'short.onnx'))).toMatch(
      /^invalid-model: .*tensor 'w' holds 8 bytes of data, but its dims \[4\] of float32 need 16/,
    );
    expect(codeOf(() => decodeModel(addModel({ dims: [4], floatData: [1, 2, 3, 4, 5] })))).toMatch(/holds 20 bytes of data, but its dims \[4\] of float32 need 16/);
    expect(decodeModel(addModel({ dims: [4], floatData: [1, 2, 3, 4] })).graph.initializers[0].data.byteLength).toBe(16);
  });

  it('rejects an opset onnxruntime-web cannot run (9999), saying which it runs', () => {
    expect(codeOf(() => decodeModel(addModel({ dims: [4], rawData: new Uint8Array(16) }, 9999), 'future.onnx'))).toMatch(
      /^unsupported-opset: The model imports ONNX opset 9999, .*opsets 1 to 26\) \(future\.onnx\)/,
    );
  });

  it('says a model nested too deeply is too deep, not that it is not ONNX (65 levels and 3,000 levels)', () => {
    for (const depth of [65, 3000]) {
      const error = thrownSeiferError(() => decodeModel(nestedIfs(depth), 'deep.onnx'));
      expect(error.code, `depth ${depth}`).toBe('model-too-deep');
      expect(error.message).toMatch(/nests subgraphs \(If\/Loop\/Scan bodies\) too deeply.*reads up to 64 levels/);
    }
    expect(decodeModel(nestedIfs(20)).graph.nodes[0].opType).toBe('If');
  });
});

describe('encodeModel(model)', () => {
  it('returns a plain Uint8Array whose slice() is a copy (never a Node Buffer view)', () => {
    const bytes = encodeModel(residualChain());
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    const copy = bytes.slice();
    copy[0] ^= 0xff;
    expect(copy[0]).not.toBe(bytes[0]);
  });
});
