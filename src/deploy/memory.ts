/**
 * Memory figures for a stage's pod, from the plan's stage memory (docs/design.md, "Deploying to Kubernetes").
 * The plan counts parameters and peak activations only; the process around them (Node, tsx, onnxruntime-web's
 * WebAssembly heap, the relay buffers) needs a fixed base, and the allocator needs slack in proportion.
 */
const MiB = 2 ** 20;

/** What the scheduler reserves: the stage memory plus 25 %, plus a 192 MiB runtime base. */
export const REQUEST_FACTOR = 1.25;
export const REQUEST_BASE_BYTES = 192 * MiB;
/** Where the kernel stops the pod: the stage memory plus 50 %, plus a 256 MiB base. */
export const LIMIT_FACTOR = 1.5;
export const LIMIT_BASE_BYTES = 256 * MiB;

export interface PodMemory {
  requestMiB: number;
  limitMiB: number;
}

export function podMemory(stageMemoryBytes: number): PodMemory {
  if (!Number.isFinite(stageMemoryBytes) || stageMemoryBytes < 0) throw new RangeError(`'stageMemoryBytes' must be a finite number >= 0, got ${stageMemoryBytes}`);
  return {
    requestMiB: Math.ceil((stageMemoryBytes * REQUEST_FACTOR + REQUEST_BASE_BYTES) / MiB),
    limitMiB: Math.ceil((stageMemoryBytes * LIMIT_FACTOR + LIMIT_BASE_BYTES) / MiB),
  };
}

/** A Kubernetes quantity in mebibytes, e.g. 272Mi. */
export const mebibytes = (MiBCount: number): string => `${MiBCount}Mi`;
