/**
 * seifer-lab's own view of an ONNX model: plain, strictly typed, JSON-friendly data.
 * Nothing from protobufjs leaks past onnx-decode.ts (no nullable fields, no Long values).
 */
import type { DType } from './dtype';

export type { DType } from './dtype';

/** A dimension: a number when fixed, a name (e.g. 'batch') when symbolic, '?' when unknown. */
export type Dim = number | string;

export interface Tensor {
  name: string;
  dtype: DType;
  dims: number[];
  /** Raw little-endian element bytes (empty for string tensors). */
  data: Uint8Array;
  /** Only for dtype 'string'. */
  strings?: string[];
}

export interface ValueInfo {
  name: string;
  /** A placeholder ('float32') when `opaqueType` is set. */
  dtype: DType;
  /** Absent when the rank is unknown. */
  shape?: Dim[];
  /**
   * Set when the file gives no tensor type: null for no type at all (exporters leave subgraph outputs untyped and
   * onnxruntime infers them), else the non-tensor type (sequence, map, optional), carried through untouched.
   */
  opaqueType?: object | null;
}

export type Attribute =
  | { name: string; kind: 'float'; value: number }
  | { name: string; kind: 'int'; value: number }
  | { name: string; kind: 'string'; value: string }
  | { name: string; kind: 'tensor'; value: Tensor }
  | { name: string; kind: 'graph'; value: Graph }
  | { name: string; kind: 'floats'; value: number[] }
  | { name: string; kind: 'ints'; value: number[] }
  | { name: string; kind: 'strings'; value: string[] }
  | { name: string; kind: 'tensors'; value: Tensor[] }
  | { name: string; kind: 'graphs'; value: Graph[] }
  /** Sparse tensors and type protos: carried through untouched, never interpreted. */
  | { name: string; kind: 'opaque'; value: unknown };

export interface Node {
  /** Unique within its graph; filled in as `<opType>_<index>` when the file leaves it empty. */
  name: string;
  opType: string;
  /** '' for the default ONNX domain. */
  domain: string;
  /** '' marks an omitted optional input. */
  inputs: string[];
  outputs: string[];
  attributes: Attribute[];
}

export interface Graph {
  name: string;
  nodes: Node[];
  initializers: Tensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  valueInfo: ValueInfo[];
}

export interface OpsetImport {
  domain: string;
  version: number;
}

export interface Model {
  irVersion: number;
  opsetImports: OpsetImport[];
  producerName: string;
  producerVersion: string;
  graph: Graph;
  metadata: Record<string, string>;
  /** Model-local functions (IR 8+), carried through untouched. */
  functions: unknown[];
}
