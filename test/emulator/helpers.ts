/** Small scenarios and profiles for emulator tests. */
import type { Profile } from '../../src/planner/types';
import { uniformScenario, type Scenario } from '../../src/emulator/scenario';

const MB = 2 ** 20;

/** 8 blocks of 10 MFLOPs, 4 MB each, 100 KB between blocks. */
export function chainProfile(blockCount = 8): Profile {
  return {
    model: 'chain',
    inputBytes: 150_000,
    outputBytes: 4_000,
    blocks: Array.from({ length: blockCount }, (_, i) => ({
      name: `b${i}`,
      memoryBytes: 4 * MB,
      flops: 10e6,
      outBytes: i === blockCount - 1 ? 4_000 : 100_000,
    })),
  };
}

/** n devices of 1 GFLOPS (10 ms per block), memory for `blocksPerNode` blocks, 100 Mbit/s links with 1 ms latency. */
export function smallScenario(n: number, blocksPerNode = 3): Scenario {
  return uniformScenario(n, { memoryBytes: blocksPerNode * 4 * MB + MB, gflops: 1 }, { bandwidthMbps: 100, latencyMs: 1, jitterMs: 0, lossRate: 0 });
}
