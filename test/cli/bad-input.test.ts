import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import onnxPkg from 'onnx-proto';
import { encodeModel } from '../../src/model/index';
import { model, node } from '../helpers/tiny-graphs';
import { runCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'seifer-bad-'));
const cls = readFileSync(new URL('../../public/models/ppocr-cls.onnx', import.meta.url));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** One clear message on stderr, exit code 1, no stack trace. */
async function expectClearFailure(argv: string[], message: RegExp) {
  const { code, stdout, stderr } = await runCli(...argv);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim().split('\n').length).toBe(1);
}

describe('seifer-lab on bad input', () => {
  it('an empty file', () => expectClearFailure(['inspect', file('empty.onnx', '')], /The file is empty \(0 bytes\).*Choose an \.onnx/));

  it('a truncated protobuf', () => expectClearFailure(['inspect', file('cut.onnx', cls.subarray(0, 200_000))], /ends too early or is corrupted.*fetch the file again/));

  it('a file that is not ONNX', () => expectClearFailure(['inspect', file('model.json', '{"layers": [1, 2]}')], /This is not an ONNX model: it is a JSON file/));

  it('a model with external data', () => {
    const bytes = onnxPkg.onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 13 }],
      graph: {
        node: [{ opType: 'Add', input: ['x', 'w'], output: ['y'] }],
        initializer: [{ name: 'w', dataType: 1, dims: [4], dataLocation: 1, externalData: [{ key: 'location', value: 'w.bin' }] }],
        input: [{ name: 'x', type: { tensorType: { elemType: 1 } } }],
        output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
      },
    }).finish();
    return expectClearFailure(['inspect', file('ext.onnx', bytes)], /external file 'w\.bin'.*save_as_external_data=False/);
  });

  it('an input shape that cannot be resolved', () =>
    expectClearFailure(['inspect', file('cls.onnx', cls)], /Input 'x' has the shape .* not fixed.*--input-shape/));

  it('an input shape that is not a shape', () => expectClearFailure(['inspect', 'tiny-cnn', '--input-shape', '1xthreex32'], /input shape '1xthreex32' cannot be used/));

  it('a graph with a cycle', () => {
    const m = model([node('Add', ['x', 'c'], ['a']), node('Relu', ['a'], ['b']), node('Neg', ['b'], ['c']), node('Sigmoid', ['a'], ['y'])]);
    return expectClearFailure(['inspect', file('cycle.onnx', encodeModel(m))], /graph has a cycle through 3 node/);
  });

  it('a graph with a dangling tensor', () => {
    const m = model([node('Relu', ['x'], ['a']), node('Add', ['a', 'ghost'], ['y'])]);
    return expectClearFailure(['inspect', file('dangling.onnx', encodeModel(m))], /Add node 'y' reads tensor 'ghost', which no node produces/);
  });

  it('an op onnxruntime-web cannot run', () => {
    const m = model([node('Relu', ['x'], ['a']), { ...node('FancyOp', ['a'], ['y']), domain: 'com.example' }]);
    m.opsetImports.push({ domain: 'com.example', version: 1 });
    return expectClearFailure(['inspect', file('custom.onnx', encodeModel(m)), '--input-shape', '1x4'], /onnxruntime-web cannot run op 'com\.example\.FancyOp'.*node 'y'/);
  });

  it('a cut that does not exist', () => expectClearFailure(['split', 'tiny-cnn', '--stages', '40'], /Cannot make 40 stages: the model has 17 block\(s\).*17 stages or fewer/));

  it('a model name that is neither in the zoo nor a file', () => expectClearFailure(['inspect', 'resnet51'], /no zoo model or file called 'resnet51'.*resnet50/));

  it('an unknown option', () => expectClearFailure(['inspect', 'tiny-cnn', '--colour'], /Unknown option '--colour'/));
});
