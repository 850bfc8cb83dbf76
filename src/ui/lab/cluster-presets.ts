/**
 * Ready-made clusters for the editor: SEIFER's simulated Wi-Fi field, a home network and a heterogeneous lab,
 * each built from a seed (devices from emulator/presets.ts, links from SEIFER's bandwidth model where it applies).
 */
import { DEVICE_PRESETS, findPreset } from '../../emulator/presets';
import type { ScenarioLink, ScenarioNode } from '../../emulator/scenario';
import { paperBandwidthMbps, paperPositions } from '../../planner/cluster-gen';
import { createRng, randomInt } from '../../util/rng';
import { SELF_LINK, type LabScenario } from './scenario-spec';

export type ClusterLayout = Pick<LabScenario, 'nodes' | 'links' | 'positions'>;

export interface ClusterPreset {
  id: string;
  title: string;
  description: string;
  build(seed: number): ClusterLayout;
}

const MiB = 2 ** 20;

/** The default lab: microcontrollers and first-generation Pis, slow enough that splitting the model pays. */
export const LAB_DEVICES = ['esp32-s3', 'pi1', 'esp32-s3', 'pi1', 'esp32-s3', 'pi1'];
/** Cluster seed of the default scenario: its best plan is a three-stage pipeline at about 12 requests/s. */
export const LAB_SEED = 10;

export interface LinkStyle {
  latencyMs: number;
  jitterMs: number;
  lossRate: number;
}

/** Devices by preset id, with ids n1..nN. `memoryBytes` overrides the presets' memory (SEIFER's per-node cap). */
export function devices(presetIds: readonly string[], memoryBytes?: number): ScenarioNode[] {
  return presetIds.map((id, i) => {
    const preset = findPreset(id);
    if (!preset) throw new RangeError(`'${id}' is not a device preset (${DEVICE_PRESETS.map((p) => p.id).join(', ')})`);
    return { id: `n${i + 1}`, memoryBytes: memoryBytes ?? preset.memoryBytes, gflops: preset.gflops, preset: preset.id };
  });
}

/**
 * Nodes and the dispatcher at seeded random points of SEIFER's 150 x 150 m field, every pair linked at
 * B = log2(1 + 283230 / d^2) Mbit/s (mean about 6 Mbit/s), both directions alike.
 */
export function geometricCluster(nodes: ScenarioNode[], seed: number, style: LinkStyle): ClusterLayout {
  const positions = paperPositions(createRng(seed), nodes.length + 1).map(([x, y]): [number, number] => [round3(x), round3(y)]);
  return { nodes, positions, links: linksByDistance(positions, paperBandwidthMbps, style) };
}

/** Links from positions: bandwidth as a function of distance (metres). */
export function linksByDistance(positions: readonly (readonly [number, number])[], bandwidthAt: (distance: number) => number, style: LinkStyle): ScenarioLink[][] {
  return bandwidthByDistance(positions, bandwidthAt).map((row, i) =>
    row.map((bandwidthMbps, j) => (i === j ? { ...SELF_LINK } : { bandwidthMbps, latencyMs: style.latencyMs, jitterMs: style.jitterMs, lossRate: style.lossRate })),
  );
}

/** Bandwidth (Mbit/s, to 3 decimals) between every two positions by a model of distance; the diagonal is unused. */
export function bandwidthByDistance(positions: readonly (readonly [number, number])[], bandwidthAt: (distance: number) => number): number[][] {
  return positions.map(([x1, y1], i) => positions.map(([x2, y2], j) => (i === j ? SELF_LINK.bandwidthMbps : round3(bandwidthAt(Math.hypot(x1 - x2, y1 - y2))))));
}

/** The models of bandwidth by distance the presets use, by the name a scenario link gives them. */
export const BANDWIDTH_MODELS: Readonly<Record<string, (distance: number) => number>> = { paper: paperBandwidthMbps, home: homeWifiMbps };

/** A house of 20 x 20 m on 802.11ac: about 150 Mbit/s next to each other, 40 Mbit/s across the house. */
export function homeWifiMbps(distance: number): number {
  return Math.max(40, 150 - 4.5 * distance);
}

const WIFI: LinkStyle = { latencyMs: 2.5, jitterMs: 1, lossRate: 0 };

function paperCluster(count: number): ClusterPreset {
  return {
    id: `paper-${count}`,
    title: `SEIFER paper: ${count} nodes`,
    description: `${count} Raspberry Pi 4 with SEIFER's 128 MB per-node cap, on the paper's simulated Wi-Fi field (mean 6 Mbit/s)`,
    build: (seed) => geometricCluster(devices(Array(count).fill('pi4'), 128 * MiB), seed, { latencyMs: 0, jitterMs: 0, lossRate: 0 }),
  };
}

export const CLUSTER_PRESETS: readonly ClusterPreset[] = [
  {
    id: 'lab',
    title: 'Heterogeneous lab (6 nodes)',
    description: "three ESP32-S3 microcontrollers and three Raspberry Pi 1 on Wi-Fi (SEIFER's bandwidth model, 2.5 ms latency)",
    build: (seed) => geometricCluster(devices(LAB_DEVICES), seed, WIFI),
  },
  paperCluster(5),
  paperCluster(10),
  paperCluster(20),
  {
    id: 'home',
    title: 'Home Wi-Fi (5 devices)',
    description: 'a laptop, two phones, a Raspberry Pi 4 and a Jetson Nano in a 20 x 20 m house on 802.11ac, 1 % loss',
    build: (seed) => {
      const positions = paperPositions(createRng(seed), 6).map(([x, y]): [number, number] => [round3((x * 20) / 150), round3((y * 20) / 150)]);
      const nodes = devices(['laptop', 'phone', 'phone', 'pi4', 'jetson-nano']);
      return { nodes, positions, links: linksByDistance(positions, homeWifiMbps, { latencyMs: 3, jitterMs: 2, lossRate: 0.01 }) };
    },
  },
];

/** `count` devices drawn from every preset by the seed, on SEIFER's Wi-Fi field. */
export function randomCluster(count: number, seed: number): ClusterLayout {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`'count' must be an integer >= 1, got ${count}`);
  const rng = createRng(seed ^ 0x5eed);
  const ids = Array.from({ length: count }, () => DEVICE_PRESETS[randomInt(rng, 0, DEVICE_PRESETS.length - 1)].id);
  return geometricCluster(devices(ids), seed, WIFI);
}

/** The lab's device mix repeated to `count` nodes (the UI bench's 20-node cluster). */
export function labCluster(count: number, seed: number): ClusterLayout {
  return geometricCluster(devices(Array.from({ length: count }, (_, i) => LAB_DEVICES[i % LAB_DEVICES.length])), seed, WIFI);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
