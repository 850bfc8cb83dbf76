/**
 * The planner's plain data: what it reads (a profile, a cluster) and what it returns (a plan report or an
 * infeasible verdict). Everything is JSON-serialisable; units are in the field names.
 */

/** One block of the model chain: the unit the planner never splits. */
export interface ProfileBlock {
  name: string;
  /** Parameter bytes + peak activation bytes of the block. */
  memoryBytes: number;
  flops: number;
  /** Bytes crossing the cut after this block, all its tensors together (the last block's equals outputBytes). */
  outBytes: number;
  /**
   * How many tensors cross the cut after this block; absent means 1. `best` and `optimal` may cut after any block
   * (a hop carries all the tensors); SEIFER's `kpath`, `joint`, `btsp` and `random` cut only where one tensor
   * crosses, as SEIFER does, so the blocks between such cuts are one block for them.
   */
  outTensors?: number;
}

/** A model as a chain of blocks (the model layer's `seifer-lab profile` output has this shape). */
export interface Profile {
  model: string;
  inputBytes: number;
  outputBytes: number;
  blocks: ProfileBlock[];
}

export interface ClusterNode {
  id: string;
  memoryBytes: number;
  /** Sustained compute speed, 10^9 floating-point operations per second. */
  gflops: number;
}

/**
 * Devices and links. The matrices are indexed like `nodes` and directed: `bandwidthMbps[i][j]` is the link from
 * node i to node j in 10^6 bit/s, 0 = no link; the diagonal is ignored.
 */
export interface Cluster {
  nodes: ClusterNode[];
  bandwidthMbps: number[][];
  /** Per-link one-way latency added to every hop; absent = 0 ms. */
  latencyMs?: number[][];
  /** Id of the node that feeds inputs and receives results. It hosts no stage. */
  dispatcher?: string;
}

/** `full` counts stage compute and hops; `comm` drops the compute terms (SEIFER's simplification). */
export type Objective = 'full' | 'comm';

export type AlgorithmName = 'best' | 'optimal' | 'kpath' | 'joint' | 'random' | 'btsp';

export const ALGORITHMS: readonly AlgorithmName[] = ['best', 'optimal', 'kpath', 'joint', 'random', 'btsp'];

/** Blocks firstBlock..lastBlock (inclusive, numbered from 0) on one node. */
export interface Stage {
  node: string;
  firstBlock: number;
  lastBlock: number;
}

/** k >= 1 stages covering the blocks in order, on k distinct nodes. */
export interface Plan {
  stages: Stage[];
}

export interface StageReport extends Stage {
  memoryBytes: number;
  computeMs: number;
}

export interface HopReport {
  from: string;
  to: string;
  bytes: number;
  ms: number;
}

/** How good a plan is under one objective. */
export interface Evaluation {
  objective: Objective;
  /** The slowest stage or hop: 1000 / bottleneckMs requests per second. */
  bottleneckMs: number;
  /** null when nothing takes time (comm objective, one stage, no dispatcher): throughput is unbounded. */
  throughputPerSec: number | null;
  /** One request end to end: the sum of every stage and hop. */
  latencyMs: number;
  stages: StageReport[];
  hops: HopReport[];
  /** Which term is the bottleneck: a stage index or a hop index. */
  limitedBy: { kind: 'stage' | 'hop'; index: number } | null;
}

/** What `plan()` returns when it found a plan. */
export interface PlanReport extends Evaluation {
  algorithm: AlgorithmName;
  /** A valid lower bound on the best possible bottleneck: no plan of this instance is faster. */
  lowerBoundMs: number;
  /**
   * True when no plan has a bottleneck lower than this one's by more than EQUAL_BOTTLENECK (0.1 %), the margin
   * within which two bottlenecks count as the same (and the one with fewer stages is preferred).
   */
  provenOptimal: boolean;
  /** How far the bottleneck may be above the optimum, in %: 0 when proven, else (bottleneckMs / lowerBoundMs - 1) x 100. */
  gapPct: number;
  /** Wall time the algorithm took. */
  planMs: number;
}

/** What `plan()` and `replan()` return when no plan was found. */
export interface Infeasible {
  error: 'infeasible';
  reason: string;
  /** Memory the model (or the block that does not fit) needs. */
  needBytes: number;
  /** Memory available for it. */
  haveBytes: number;
}

export type PlanOutcome = PlanReport | Infeasible;

/** Two bottlenecks within this relative margin count as the same: the plan with fewer stages, then lower latency, wins. */
export const EQUAL_BOTTLENECK = 1e-3;

export function isInfeasible(outcome: PlanOutcome): outcome is Infeasible {
  return 'error' in outcome;
}
