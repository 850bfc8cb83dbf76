/**
 * One error type for everything seifer-lab reports to a person: what was wrong, where, and what to do.
 * The catalogue below is the only place messages are written, so they stay consistent and testable.
 * Wrong-shaped arguments to a public function are programmer errors and throw TypeError/RangeError instead.
 */
export class SeiferError extends Error {
  readonly code: ErrorCode;
  readonly where: string;
  readonly hint: string;

  constructor(code: ErrorCode, what: string, where: string, hint: string) {
    super(`${what}${where ? ` (${where})` : ''}.${hint ? ` ${hint}` : ''}`);
    this.name = 'SeiferError';
    this.code = code;
    this.where = where;
    this.hint = hint;
  }

  /** Plain data for postMessage, JSON output and the UI: never a stack trace. */
  toJSON(): { code: ErrorCode; message: string; where: string; hint: string } {
    return { code: this.code, message: this.message, where: this.where, hint: this.hint };
  }
}

export type ErrorCode =
  | 'empty-file'
  | 'truncated-file'
  | 'not-onnx'
  | 'external-data'
  | 'unsupported-ir'
  | 'unresolved-shape'
  | 'bad-input-shape'
  | 'shape-inference'
  | 'cycle'
  | 'dangling-tensor'
  | 'unsupported-op'
  | 'runtime-error'
  | 'no-such-cut'
  | 'no-such-model'
  | 'bad-option'
  | 'bad-arguments'
  | 'too-many-stages'
  | 'bad-network'
  | 'bad-profile'
  | 'bad-cluster'
  | 'bad-plan'
  | 'out-of-range'
  | 'bad-scenario-link'
  | 'bad-model-file'
  | 'invalid-model'
  | 'model-too-deep'
  | 'unsupported-opset'
  | 'empty-graph'
  | 'unsupported-input'
  | 'bad-input-value'
  | 'internal-error'
  | 'page-build'
  | 'listen-failed'
  | 'join-failed'
  | 'bad-node-map';

const ONNX_HELP = 'Export the model again (e.g. torch.onnx.export or tf2onnx) and check it with onnx.checker.check_model';

export const errors = {
  emptyFile: (source: string) => new SeiferError('empty-file', 'The file is empty (0 bytes)', source, 'Choose an .onnx model file.'),
  truncatedFile: (source: string, byteLength: number, detail: string) =>
    new SeiferError(
      'truncated-file',
      `The ONNX file ends too early or is corrupted: ${detail}`,
      `${source}, ${byteLength} bytes`,
      'The download or copy was probably cut short; fetch the file again.',
    ),
  notOnnx: (source: string, detail: string) => new SeiferError('not-onnx', `This is not an ONNX model: ${detail}`, source, `Choose an .onnx file. ${ONNX_HELP}.`),
  externalData: (source: string, tensor: string, location: string) =>
    new SeiferError(
      'external-data',
      `Weight tensor '${tensor}' is stored in an external file '${location}', which a browser cannot read`,
      source,
      'Save the model as one file: onnx.save_model(model, path, save_as_external_data=False) (models up to 2 GB).',
    ),
  unsupportedIr: (source: string, irVersion: number) =>
    new SeiferError(
      'unsupported-ir',
      `IR version ${irVersion} is not supported (seifer-lab reads IR 3 to 10)`,
      source,
      'Convert the model with onnx.version_converter or export it with a current exporter.',
    ),
  invalidModel: (where: string, detail: string) => new SeiferError('invalid-model', `The model is not valid ONNX: ${detail}`, where, `The file is damaged or was edited by hand. ${ONNX_HELP}.`),
  modelTooDeep: (source: string, detail: string, maxDepth: number) =>
    new SeiferError(
      'model-too-deep',
      `The model nests subgraphs (If/Loop/Scan bodies) too deeply to read: ${detail}`,
      source,
      `The file may be valid ONNX, but seifer-lab reads up to ${maxDepth} levels of nesting; re-export the model with flatter control flow (e.g. fold constant conditions with onnx-simplifier).`,
    ),
  unsupportedOpset: (source: string, version: number, min: number, max: number) =>
    new SeiferError(
      'unsupported-opset',
      `The model imports ONNX opset ${version}, which does not exist or onnxruntime-web cannot run (it runs opsets ${min} to ${max})`,
      source,
      'Convert the model with onnx.version_converter, or export it again for a released opset.',
    ),
  emptyGraph: (source: string, detail: string) =>
    new SeiferError('empty-graph', `The model has nothing to run or split: ${detail}`, source, `Choose a model with at least one node that computes on its inputs. ${ONNX_HELP}.`),
  unsupportedInput: (input: string, detail: string) =>
    new SeiferError('unsupported-input', `Input '${input}' cannot be fed: ${detail}`, `graph input '${input}'`, 'seifer-lab feeds tensors only; export the model with tensor inputs.'),
  badInputValue: (text: string, detail: string) =>
    new SeiferError(
      'bad-input-value',
      `The input value '${text}' cannot be used: ${detail}`,
      'input value',
      'Write it as name=number (e.g. --input-value sr=16000) or name=[1,2,3] for a short list; the input then becomes a constant of the model.',
    ),
  internal: (detail: string) =>
    new SeiferError(
      'internal-error',
      `Internal error (a bug in seifer-lab, not in your input): ${detail}`,
      '',
      'Please report it with the command line that caused it; SEIFER_DEBUG=1 prints the stack trace.',
    ),
  unresolvedShape: (input: string, shape: string, example: string) =>
    new SeiferError(
      'unresolved-shape',
      `Input '${input}' has the shape ${shape} with dimensions that are not fixed`,
      `graph input '${input}'`,
      `Give a concrete shape, e.g. --input-shape ${example}.`,
    ),
  badInputShape: (text: string, detail: string) =>
    new SeiferError(
      'bad-input-shape',
      `The input shape '${text}' cannot be used: ${detail}`,
      'input shape',
      'Write it as 1x3x224x224, or name=1x3x224x224,other=1x10 for several inputs (or repeat --input-shape name=dims).',
    ),
  shapeInference: (node: string, opType: string, detail: string) =>
    new SeiferError(
      'shape-inference',
      `Cannot work out the output shape of ${opType} node '${node}': ${detail}`,
      `node '${node}'`,
      'Check that the input shape is right for this model, or re-export the model with value_info (onnx.shape_inference.infer_shapes).',
    ),
  cycle: (nodes: string[]) =>
    new SeiferError(
      'cycle',
      `The graph has a cycle through ${nodes.length} node(s): ${nodes.slice(0, 5).join(' -> ')}${nodes.length > 5 ? ' -> ...' : ''}`,
      `node '${nodes[0]}'`,
      `An ONNX graph must be acyclic. ${ONNX_HELP}.`,
    ),
  danglingTensor: (node: string, opType: string, tensor: string) =>
    new SeiferError(
      'dangling-tensor',
      `${opType} node '${node}' reads tensor '${tensor}', which no node produces and which is neither a graph input nor a weight`,
      `node '${node}'`,
      `The file is incomplete or was edited by hand. ${ONNX_HELP}.`,
    ),
  unsupportedOp: (node: string, opType: string, domain: string, detail: string) =>
    new SeiferError(
      'unsupported-op',
      `onnxruntime-web cannot run op '${domain ? domain + '.' : ''}${opType}': ${detail}`,
      `node '${node}'`,
      'Replace the op with standard ONNX ops when exporting, or pick another model.',
    ),
  runtime: (where: string, detail: string) =>
    new SeiferError('runtime-error', `onnxruntime-web failed: ${detail}`, where, 'Check the model with onnx.checker.check_model; if it is valid, report the model and this message.'),
  noSuchCut: (cut: string, available: string) => new SeiferError('no-such-cut', `Cut ${cut} does not exist`, 'split points', `Valid cuts: ${available}.`),
  noSuchModel: (name: string, available: string[]) =>
    new SeiferError('no-such-model', `There is no zoo model or file called '${name}'`, 'model argument', `Use one of: ${available.join(', ')}, or a path to an .onnx file.`),
  tooManyStages: (stages: number, blocks: number) =>
    new SeiferError('too-many-stages', `Cannot make ${stages} stages: the model has ${blocks} block(s) between its cut points`, 'stage count', `Ask for ${blocks} stages or fewer.`),
  badArguments: (detail: string, usage: string) => new SeiferError('bad-arguments', detail, '', `Usage: ${usage}`),
  badNetwork: (where: string, detail: string) =>
    new SeiferError(
      'bad-network',
      `The network description is invalid: ${detail}`,
      where,
      'Give every node a unique id and every ordered pair of nodes one link with bandwidthMbps > 0, latencyMs >= 0, jitterMs >= 0 and lossRate in [0, 0.9].',
    ),
  badOption: (option: string, value: string, expected: string) =>
    new SeiferError('bad-option', `Option ${option} has the value '${value}', expected ${expected}`, option, 'Run seifer-lab help for usage.'),
  badProfile: (field: string, detail: string) =>
    new SeiferError(
      'bad-profile',
      `The model profile is not usable: ${field} ${detail}`,
      field,
      'A profile is {model, inputBytes, outputBytes, blocks:[{name, memoryBytes, flops, outBytes}]} with finite numbers >= 0 (seifer-lab profile <model> --json writes one).',
    ),
  badCluster: (field: string, detail: string) =>
    new SeiferError(
      'bad-cluster',
      `The cluster is not usable: ${field} ${detail}`,
      field,
      'A cluster is {nodes:[{id, memoryBytes, gflops}], bandwidthMbps:[[...]], latencyMs?:[[...]], dispatcher?: id}, matrices n x n indexed like nodes.',
    ),
  badPlan: (field: string, detail: string) =>
    new SeiferError('bad-plan', `The plan is not usable: ${field} ${detail}`, field, 'A plan is {stages:[{node, firstBlock, lastBlock}]} covering every block once, in order.'),
  badScenarioLink: (field: string, value: string, expected: string) =>
    new SeiferError(
      'bad-scenario-link',
      `The scenario in this link is not usable: ${field} is '${value.length > 40 ? `${value.slice(0, 40)}...` : value}', expected ${expected}`,
      `link parameter '${field}'`,
      'The default scenario is shown instead; set yours up in the editor and use Share for a new link.',
    ),
  badScenarioField: (field: string, value: string, expected: string) =>
    new SeiferError(
      'bad-scenario-link',
      `The scenario's ${field} is '${value.length > 40 ? `${value.slice(0, 40)}...` : value}', expected ${expected}`,
      `scenario field '${field}'`,
      'The page left this field out and kept the rest; set it in the page and use Share or Save for a new copy.',
    ),
  badScenarioFile: (name: string, detail: string) =>
    new SeiferError('bad-scenario-link', `The file '${name}' is not a seifer-lab scenario: ${detail}`, name, 'Open a .json file made by Save in the lab page.'),
  badModelFile: (name: string, detail: string) =>
    new SeiferError('bad-model-file', `The file '${name}' cannot be used: ${detail}`, name, 'Drop or pick one .onnx file (weights inside the file, up to 2 GB).'),
  pageBuild: (detail: string) => new SeiferError('page-build', `Cannot build the page: ${detail}`, 'dist/', 'Run npm ci, then npm run build, and start seifer-lab serve again.'),
  joinFailed: (link: string, detail: string) =>
    new SeiferError(
      'join-failed',
      `Cannot join the session: ${detail}`,
      link,
      'Use the join link that `seifer-lab serve` printed (http://ADDRESS:PORT/#join=CODE), with the server running and reachable from here.',
    ),
  listenFailed: (address: string, detail: string) =>
    new SeiferError('listen-failed', `Cannot listen on ${address}: ${detail}`, '--host/--port', 'Pick another --port (0 takes any free port), or a --host address of this machine.'),
  badNodeMap: (file: string, detail: string) =>
    new SeiferError(
      'bad-node-map',
      `The node map is not usable: ${detail}`,
      file,
      'A node map is one JSON object from cluster node ids to Kubernetes node names, e.g. {"n1": "pi-kitchen"}; kubectl get nodes lists the names.',
    ),
  outOfRange: (algorithm: string, detail: string, hint: string) => new SeiferError('out-of-range', `The ${algorithm} planner does not take this instance: ${detail}`, `algorithm ${algorithm}`, hint),
};

/** Turns anything thrown into a message fit for a person (no stack traces). */
export function describeError(error: unknown): string {
  if (error instanceof SeiferError) return error.message;
  if (error instanceof Error) return `${error.name === 'Error' ? '' : error.name + ': '}${error.message}`;
  return String(error);
}
