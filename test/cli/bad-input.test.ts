import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import onnxPkg from 'onnx-proto';
import { encodeModel } from '../../src/model/index';
import { model, node } from '../helpers/tiny-graphs';
import { runCli } from '../helpers/cli';
import { nestedIfs } from '../helpers/nested-ifs';
import { EXIT_INTERNAL_ERROR, runCommand } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/command';

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

  it('an input shape that cannot be resolved', () => expectClearFailure(['inspect', file('cls.onnx', cls)], /Input 'x' has the shape .* not fixed.*--input-shape/));

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

  it('a weight with a negative dimension', () => {
    const m = model([node('Add', ['x', 'w'], ['y'])], { initializers: [{ name: 'w', dtype: 'float32', dims: [-4], data: new Uint8Array(16) }] });
    return expectClearFailure(['inspect', file('negative.onnx', encodeModel(m))], /not valid ONNX: tensor 'w' has the dimension -4 .*negative\.onnx, tensor 'w'/);
  });

  it('weight data shorter than its dims', () => {
    const m = model([node('Add', ['x', 'w'], ['y'])], { initializers: [{ name: 'w', dtype: 'float32', dims: [4], data: new Uint8Array(8) }] });
    return expectClearFailure(['inspect', file('short.onnx', encodeModel(m))], /tensor 'w' holds 8 bytes of data, but its dims \[4\] of float32 need 16/);
  });

  it('opset 9999', () => expectClearFailure(['inspect', file('opset.onnx', encodeModel(model([node('Relu', ['x'], ['y'])], { opset: 9999 })))], /imports ONNX opset 9999/));

  it('an If nested 3,000 deep', () => expectClearFailure(['inspect', file('deep.onnx', nestedIfs(3000))], /nests subgraphs .* too deeply to read.*up to 64 levels/));

  it('two nodes writing one tensor', () => {
    const m = model([node('Relu', ['x'], ['a'], 'r1'), node('Neg', ['x'], ['a'], 'r2'), node('Sigmoid', ['a'], ['y'])]);
    return expectClearFailure(['inspect', file('twice.onnx', encodeModel(m))], /tensor 'a' is written by two nodes, 'r1' and 'r2'/);
  });

  it('an empty graph', () => {
    const m = model([node('Relu', ['x'], ['y'])]);
    m.graph.nodes = [];
    m.graph.outputs = [{ name: 'x', dtype: 'float32' }];
    return expectClearFailure(['inspect', file('empty-graph.onnx', encodeModel(m))], /nothing to run or split: its graph has no nodes/);
  });
});

describe('seifer-lab on its own bugs', () => {
  it(`exits ${EXIT_INTERNAL_ERROR} (not 1) when a command throws a programmer error, and says it is a bug, without a stack trace`, async () => {
    let stderr = '';
    const io: CliIO = { out: () => undefined, err: (t) => void (stderr += t + '\n'), progress: () => undefined };
    const broken = { name: 'broken', summary: '', usage: '', run: async () => [].map(null as never).length };
    expect(await runCommand(broken, [], io)).toBe(EXIT_INTERNAL_ERROR);
    expect(stderr).toMatch(/^seifer-lab broken: Internal error \(a bug in seifer-lab, not in your input\): TypeError: .*report it/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const help = await runCli('help');
    expect(help.stdout).toMatch(/70 internal error/);
  });
});
