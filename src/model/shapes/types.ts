/** The data shape inference works on, and the contract every op rule follows. */
import type { DType } from '../dtype';
import type { Graph, Node, Tensor } from '../types';

export interface TensorInfo {
  dtype: DType;
  shape: number[];
  /** element values when known statically and small (<= 4096 elements): int/float constants and shape arithmetic */
  value?: number[];
}

/** What a rule sees of one node: its inputs' infos, its attributes, and ways to fail with a clear message. */
export interface RuleContext {
  readonly node: Node;
  /** The opset version the model imports for the node's domain. */
  readonly opset: number;
  /** Input `index`; fails when the input is omitted. */
  input(index: number): TensorInfo;
  /** Input `index`, or undefined when it is omitted ('' or past the end). */
  optionalInput(index: number): TensorInfo | undefined;
  /** The statically known values of input `index`; fails, saying `what` they are, when they are not known. */
  inputValue(index: number, what: string): number[];
  /** Number of output names the node declares (including omitted '' ones). */
  readonly outputCount: number;
  hasAttribute(name: string): boolean;
  int(name: string, fallback?: number): number;
  ints(name: string, fallback?: number[]): number[];
  float(name: string, fallback?: number): number;
  floats(name: string, fallback?: number[]): number[];
  string(name: string, fallback?: string): string;
  tensor(name: string): Tensor | undefined;
  graph(name: string): Graph;
  /** Normalises a possibly negative axis for a tensor of `rank`; fails when out of range. */
  axis(axis: number, rank: number): number;
  /** Infers a subgraph (If branches) with the outer scope visible; returns the infos of its outputs. */
  inferSubgraph(graph: Graph): TensorInfo[];
  /** Our rules cannot work it out (onnxruntime's probe may): a shape-inference error naming the node. */
  fail(detail: string): never;
  /** The node itself is invalid (e.g. a stride of 0): an invalid-model error; no run can fix it. */
  invalid(detail: string): never;
}

/** One rule per op: the infos of the node's outputs, in order (entries for omitted outputs are ignored). */
export type ShapeRule = (ctx: RuleContext) => TensorInfo[];
