/** ONNX bytes -> our typed Model. Every check of the file itself happens here, with a message a person can act on. */
import { describeError, errors, SeiferError } from '../errors';
import { dtypeFromCode, elementCount, tensorBytes, type DType } from './dtype';
import { looksLikeOnnx, sniffNonOnnx } from './file-sniff';
import { onnx, int64ToNumber, type Int64, type ProtoAttribute, type ProtoGraph, type ProtoTensor, type ProtoValueInfo } from './onnx-proto';
import type { Attribute, Dim, Graph, Model, Node, Tensor, ValueInfo } from './types';

const AttributeType = onnx.AttributeProto.AttributeType;

/** The default-domain opsets onnxruntime-web 1.30 runs (it refuses newer ones). */
export const MIN_OPSET = 1;
export const MAX_OPSET = 26;
/**
 * Deepest nesting of subgraphs (If/Loop/Scan bodies) read. Exported models nest a few levels; every reader of
 * the model recurses through them, so a limit turns a stack overflow into a clear message.
 */
export const MAX_SUBGRAPH_DEPTH = 64;
const utf8 = new TextDecoder();

/**
 * Decodes ONNX model bytes. `source` names the file in error messages.
 * Weight bytes are views into `bytes` (no copy), so keep `bytes` unchanged while the model is in use.
 */
export function decodeModel(bytes: Uint8Array, source = 'model'): Model {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`'bytes' must be a Uint8Array, got ${typeof bytes}`);
  if (bytes.byteLength === 0) throw errors.emptyFile(source);
  let proto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw decodeFailure(error, bytes, source);
  }
  const irVersion = int64ToNumber(proto.irVersion as Int64);
  if (!proto.graph || irVersion === 0) {
    const known = sniffNonOnnx(bytes);
    throw errors.notOnnx(source, known ? `it is ${known}` : proto.graph ? 'it has no IR version' : 'it holds no graph');
  }
  if (irVersion < 3 || irVersion > 10) throw errors.unsupportedIr(source, irVersion);
  const opsetImports = (proto.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: int64ToNumber(o.version as Int64) }));
  const onnxOpset = opsetImports.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (!onnxOpset) throw errors.notOnnx(source, 'it imports no ONNX operator set');
  if (!(onnxOpset.version >= MIN_OPSET && onnxOpset.version <= MAX_OPSET)) throw errors.unsupportedOpset(source, onnxOpset.version, MIN_OPSET, MAX_OPSET);
  const metadata: Record<string, string> = {};
  for (const entry of proto.metadataProps ?? []) metadata[entry.key ?? ''] = entry.value ?? '';
  return {
    irVersion,
    opsetImports,
    producerName: proto.producerName ?? '',
    producerVersion: proto.producerVersion ?? '',
    graph: decodeGraph(proto.graph, source, 0),
    metadata,
    functions: proto.functions ?? [],
  };
}

function decodeFailure(error: unknown, bytes: Uint8Array, source: string): SeiferError {
  const detail = describeError(error);
  // protobufjs decodes nested messages recursively: a deep enough nesting of subgraphs overflows the stack
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return errors.modelTooDeep(source, 'the protobuf decoder ran out of stack', MAX_SUBGRAPH_DEPTH);
  }
  const known = sniffNonOnnx(bytes);
  if (known) return errors.notOnnx(source, `it is ${known}`);
  // protobufjs reports running off the end as "index out of range: a + b > c"
  if (looksLikeOnnx(bytes) && /index out of range/.test(detail)) return errors.truncatedFile(source, bytes.byteLength, detail);
  const head = utf8.decode(bytes.subarray(0, 16)).replace(/[^\x20-\x7e]/g, '.');
  return errors.notOnnx(source, `the protobuf decoder stopped with "${detail}" (the file starts with "${head}")`);
}

function decodeGraph(graph: ProtoGraph, source: string, depth: number): Graph {
  if (depth > MAX_SUBGRAPH_DEPTH) throw errors.modelTooDeep(source, `a subgraph of graph '${graph.name ?? ''}' is nested more than ${MAX_SUBGRAPH_DEPTH} levels deep`, MAX_SUBGRAPH_DEPTH);
  const nodes = (graph.node ?? []).map((node, index): Node => {
    const opType = node.opType ?? '';
    return {
      name: node.name || `${opType || 'node'}_${index}`,
      opType,
      domain: node.domain === 'ai.onnx' ? '' : (node.domain ?? ''),
      inputs: node.input ?? [],
      outputs: node.output ?? [],
      attributes: (node.attribute ?? []).map((a) => decodeAttribute(a, source, depth)),
    };
  });
  makeNamesUnique(nodes);
  return {
    name: graph.name ?? '',
    nodes,
    initializers: (graph.initializer ?? []).map((t) => decodeTensor(t, source)),
    // inputs and outputs are structure (an If whose branch lost its untyped output has nothing to return): all kept
    inputs: (graph.input ?? []).map(decodeValueInfo),
    outputs: (graph.output ?? []).map(decodeValueInfo),
    valueInfo: (graph.valueInfo ?? []).map(decodeValueInfo).filter((v) => v.opaqueType === undefined),
  };
}

function makeNamesUnique(nodes: Node[]): void {
  const seen = new Set<string>();
  for (const node of nodes) {
    let name = node.name;
    for (let k = 2; seen.has(name); k++) name = `${node.name}_${k}`;
    node.name = name;
    seen.add(name);
  }
}

/** A value info; one without a tensor type keeps its type proto (or null) in `opaqueType`. */
function decodeValueInfo(info: ProtoValueInfo): ValueInfo {
  const tensorType = info.type?.tensorType;
  if (!tensorType) return { name: info.name ?? '', dtype: 'float32', opaqueType: info.type ?? null };
  const dtype = dtypeFromCode(tensorType.elemType ?? 0) ?? 'float32';
  const dims = tensorType.shape?.dim;
  const shape = dims?.map((d): Dim => {
    if (d.dimParam) return d.dimParam;
    const n = int64ToNumber(d.dimValue as Int64);
    // protobufjs fills the default 0 when neither field is set; only a declared dimValue of 0 means an empty axis
    return n > 0 || (d as { value?: string }).value === 'dimValue' ? n : '?';
  });
  return shape ? { name: info.name ?? '', dtype, shape } : { name: info.name ?? '', dtype };
}

function decodeAttribute(attr: ProtoAttribute, source: string, depth: number): Attribute {
  const name = attr.name ?? '';
  switch (attr.type ?? inferAttributeType(attr)) {
    case AttributeType.FLOAT:
      return { name, kind: 'float', value: attr.f ?? 0 };
    case AttributeType.INT:
      return { name, kind: 'int', value: int64ToNumber(attr.i as Int64) };
    case AttributeType.STRING:
      return { name, kind: 'string', value: utf8.decode(attr.s ?? new Uint8Array()) };
    case AttributeType.TENSOR:
      return { name, kind: 'tensor', value: decodeTensor(attr.t ?? {}, source) };
    case AttributeType.GRAPH:
      return { name, kind: 'graph', value: decodeGraph(attr.g ?? {}, source, depth + 1) };
    case AttributeType.FLOATS:
      return { name, kind: 'floats', value: [...(attr.floats ?? [])] };
    case AttributeType.INTS:
      return { name, kind: 'ints', value: (attr.ints ?? []).map((v) => int64ToNumber(v as Int64)) };
    case AttributeType.STRINGS:
      return { name, kind: 'strings', value: (attr.strings ?? []).map((s) => utf8.decode(s)) };
    case AttributeType.TENSORS:
      return { name, kind: 'tensors', value: (attr.tensors ?? []).map((t) => decodeTensor(t, source)) };
    case AttributeType.GRAPHS:
      return { name, kind: 'graphs', value: (attr.graphs ?? []).map((g) => decodeGraph(g, source, depth + 1)) };
    default:
      return { name, kind: 'opaque', value: attr };
  }
}

/** IR < 3 files may leave `type` unset; guess it from the field that is filled. */
function inferAttributeType(attr: ProtoAttribute): number {
  if (attr.floats?.length) return AttributeType.FLOATS;
  if (attr.ints?.length) return AttributeType.INTS;
  if (attr.strings?.length) return AttributeType.STRINGS;
  if (attr.tensors?.length) return AttributeType.TENSORS;
  if (attr.graphs?.length) return AttributeType.GRAPHS;
  if (attr.t) return AttributeType.TENSOR;
  if (attr.g) return AttributeType.GRAPH;
  if (attr.s?.length) return AttributeType.STRING;
  if (attr.i !== null && attr.i !== undefined && int64ToNumber(attr.i as Int64) !== 0) return AttributeType.INT;
  return AttributeType.FLOAT;
}

export function decodeTensor(tensor: ProtoTensor, source: string): Tensor {
  const name = tensor.name ?? '';
  if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    const location = tensor.externalData?.find((e) => e.key === 'location')?.value ?? '?';
    throw errors.externalData(source, name, location);
  }
  const dtype = dtypeFromCode(tensor.dataType ?? 0);
  if (!dtype) throw errors.notOnnx(source, `tensor '${name}' has the unknown element type ${tensor.dataType ?? 0}`);
  const dims = (tensor.dims ?? []).map((d) => int64ToNumber(d as Int64));
  const where = `${source}, tensor '${name}'`;
  const bad = dims.find((d) => !Number.isSafeInteger(d) || d < 0);
  if (bad !== undefined) throw errors.invalidModel(where, `tensor '${name}' has the dimension ${bad} (dims [${dims.join(', ')}]); dimensions are whole numbers >= 0`);
  const count = elementCount(dims);
  if (!Number.isSafeInteger(count)) throw errors.invalidModel(where, `tensor '${name}' has dims [${dims.join(', ')}], more elements than any file can hold`);
  if (dtype === 'string') {
    const strings = (tensor.stringData ?? []).map((s) => utf8.decode(s));
    if (strings.length !== count) throw errors.invalidModel(where, `tensor '${name}' holds ${strings.length} strings, but its dims [${dims.join(', ')}] need ${count}`);
    return { name, dtype, dims, data: new Uint8Array(), strings };
  }
  const data = rawBytes(tensor, dtype);
  const expected = tensorBytes(dtype, dims);
  if (data.byteLength !== expected) {
    throw errors.invalidModel(where, `tensor '${name}' holds ${data.byteLength} bytes of data, but its dims [${dims.join(', ')}] of ${dtype} need ${expected}`);
  }
  return { name, dtype, dims, data };
}

/** Normalises the typed *_data fields of a TensorProto to raw little-endian bytes. */
function rawBytes(tensor: ProtoTensor, dtype: DType): Uint8Array {
  if (tensor.rawData && tensor.rawData.byteLength > 0) return tensor.rawData;
  const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  switch (dtype) {
    case 'float32':
      return bytesOf(Float32Array.from(tensor.floatData ?? []));
    case 'complex64':
      return bytesOf(Float32Array.from(tensor.floatData ?? []));
    case 'float64':
    case 'complex128':
      return bytesOf(Float64Array.from(tensor.doubleData ?? []));
    case 'int64':
      return bytesOf(BigInt64Array.from((tensor.int64Data ?? []).map((v) => BigInt(int64ToNumber(v as Int64)))));
    case 'uint64':
      return bytesOf(BigUint64Array.from((tensor.uint64Data ?? []).map((v) => BigInt(int64ToNumber(v as Int64)))));
    case 'uint32':
      return bytesOf(Uint32Array.from((tensor.uint64Data ?? []).map((v) => int64ToNumber(v as Int64))));
    case 'int32':
      return bytesOf(Int32Array.from(tensor.int32Data ?? []));
    case 'int16':
      return bytesOf(Int16Array.from(tensor.int32Data ?? []));
    case 'uint16':
    case 'float16':
    case 'bfloat16':
      return bytesOf(Uint16Array.from(tensor.int32Data ?? []));
    case 'int8':
      return bytesOf(Int8Array.from(tensor.int32Data ?? []));
    default:
      return Uint8Array.from(tensor.int32Data ?? []); // uint8, bool, float8 and packed 4-bit types
  }
}
