/** Our typed Model -> ONNX bytes. The inverse of onnx-decode.ts (fields newer than ONNX 1.10 are not kept). */
import { dtypeCode } from './dtype';
import { onnx, numberToInt64, type ProtoAttribute, type ProtoGraph, type ProtoTensor, type ProtoValueInfo } from './onnx-proto';
import type { Attribute, Graph, Model, Tensor, ValueInfo } from './types';

const AttributeType = onnx.AttributeProto.AttributeType;
const utf8 = new TextEncoder();

export function encodeModel(model: Model): Uint8Array {
  const proto = {
    irVersion: numberToInt64(model.irVersion),
    opsetImport: model.opsetImports.map((o) => ({ domain: o.domain, version: numberToInt64(o.version) })),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    graph: encodeGraph(model.graph),
    metadataProps: Object.entries(model.metadata).map(([key, value]) => ({ key, value })),
    functions: model.functions as import('onnx-proto').onnx.IFunctionProto[],
  };
  // the protobufjs typings do not know it accepts {low, high} for int64 fields
  const bytes = onnx.ModelProto.encode(proto as unknown as import('onnx-proto').onnx.IModelProto).finish();
  // In Node protobufjs returns a Buffer, whose slice() is a view (not a copy) and whose memory may be a shared
  // pool: hand out a plain Uint8Array so that slice() copies and a transfer can never detach someone else's bytes.
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function encodeGraph(graph: Graph): ProtoGraph {
  return {
    name: graph.name,
    node: graph.nodes.map((n) => ({
      name: n.name,
      opType: n.opType,
      domain: n.domain,
      input: n.inputs,
      output: n.outputs,
      attribute: n.attributes.map(encodeAttribute),
    })),
    initializer: graph.initializers.map(encodeTensor),
    input: graph.inputs.map(encodeValueInfo),
    output: graph.outputs.map(encodeValueInfo),
    valueInfo: graph.valueInfo.map(encodeValueInfo),
  };
}

export function encodeTensor(tensor: Tensor): ProtoTensor {
  const proto: Record<string, unknown> = {
    name: tensor.name,
    dataType: dtypeCode(tensor.dtype),
    dims: tensor.dims.map(numberToInt64),
  };
  if (tensor.dtype === 'string') proto.stringData = (tensor.strings ?? []).map((s) => utf8.encode(s));
  else proto.rawData = tensor.data;
  return proto as ProtoTensor;
}

function encodeValueInfo(info: ValueInfo): ProtoValueInfo {
  if (info.opaqueType !== undefined) return (info.opaqueType === null ? { name: info.name } : { name: info.name, type: info.opaqueType }) as ProtoValueInfo;
  const tensorType: Record<string, unknown> = { elemType: dtypeCode(info.dtype) };
  if (info.shape) {
    tensorType.shape = { dim: info.shape.map((d) => (typeof d === 'number' ? { dimValue: numberToInt64(d) } : d === '?' ? {} : { dimParam: d })) };
  }
  return { name: info.name, type: { tensorType } } as ProtoValueInfo;
}

function encodeAttribute(attr: Attribute): ProtoAttribute {
  const name = attr.name;
  switch (attr.kind) {
    case 'float':
      return { name, type: AttributeType.FLOAT, f: attr.value };
    case 'int':
      return { name, type: AttributeType.INT, i: numberToInt64(attr.value) } as ProtoAttribute;
    case 'string':
      return { name, type: AttributeType.STRING, s: utf8.encode(attr.value) };
    case 'tensor':
      return { name, type: AttributeType.TENSOR, t: encodeTensor(attr.value) };
    case 'graph':
      return { name, type: AttributeType.GRAPH, g: encodeGraph(attr.value) };
    case 'floats':
      return { name, type: AttributeType.FLOATS, floats: attr.value };
    case 'ints':
      return { name, type: AttributeType.INTS, ints: attr.value.map(numberToInt64) } as ProtoAttribute;
    case 'strings':
      return { name, type: AttributeType.STRINGS, strings: attr.value.map((s) => utf8.encode(s)) };
    case 'tensors':
      return { name, type: AttributeType.TENSORS, tensors: attr.value.map(encodeTensor) };
    case 'graphs':
      return { name, type: AttributeType.GRAPHS, graphs: attr.value.map(encodeGraph) };
    case 'opaque':
      return attr.value as ProtoAttribute;
  }
}
