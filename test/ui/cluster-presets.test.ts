import { describe, expect, it } from 'vitest';
import { CLUSTER_PRESETS, devices, geometricCluster, homeWifiMbps, LAB_DEVICES, labCluster, randomCluster } from '../../src/ui/lab/cluster-presets';
import { SELF_LINK } from '../../src/ui/lab/scenario-spec';

describe('CLUSTER_PRESETS', () => {
  it('build square link matrices of nodes + dispatcher, the same for the same seed', () => {
    for (const preset of CLUSTER_PRESETS) {
      const a = preset.build(3);
      const size = a.nodes.length + 1;
      expect(a.links).toHaveLength(size);
      for (const [i, row] of a.links.entries()) {
        expect(row).toHaveLength(size);
        expect(row[i]).toEqual(SELF_LINK);
        for (const [j, link] of row.entries()) if (i !== j) expect(link.bandwidthMbps).toBeGreaterThan(0);
      }
      expect(a.positions).toHaveLength(size);
      expect(preset.build(3)).toEqual(a);
      expect(preset.build(4)).not.toEqual(a);
    }
  });

  it("'SEIFER paper' presets use the paper's link model and 128 MB per node", () => {
    const paper = CLUSTER_PRESETS.find((p) => p.id === 'paper-10')?.build(1);
    expect(paper?.nodes).toHaveLength(10);
    expect(paper?.nodes.every((n) => n.memoryBytes === 128 * 2 ** 20 && n.preset === 'pi4')).toBe(true);
    const [x1, y1] = paper?.positions?.[0] as [number, number];
    const [x2, y2] = paper?.positions?.[1] as [number, number];
    expect(paper?.links[0][1].bandwidthMbps).toBeCloseTo(Math.log2(1 + 283230 / ((x1 - x2) ** 2 + (y1 - y2) ** 2)), 2);
  });
});

describe('devices(presetIds)', () => {
  it('names nodes n1..nN with their preset figures, and refuses unknown presets', () => {
    expect(devices(['pi1', 'esp32-s3'])).toEqual([
      { id: 'n1', memoryBytes: 512 * 2 ** 20, gflops: 0.27, preset: 'pi1' },
      { id: 'n2', memoryBytes: 8 * 2 ** 20, gflops: 0.12, preset: 'esp32-s3' },
    ]);
    expect(() => devices(['cray'])).toThrow(RangeError);
  });
});

describe('geometricCluster(nodes, seed, style)', () => {
  it('links both directions alike, with the style applied', () => {
    const c = geometricCluster(devices(['pi1', 'pi1']), 7, { latencyMs: 3, jitterMs: 1, lossRate: 0.02 });
    expect(c.links[0][1]).toEqual(c.links[1][0]);
    expect(c.links[0][2]).toMatchObject({ latencyMs: 3, jitterMs: 1, lossRate: 0.02 });
  });
});

describe('labCluster(count, seed) and randomCluster(count, seed)', () => {
  it('repeat the lab mix, or draw devices from every preset', () => {
    expect(labCluster(20, 1).nodes.map((n) => n.preset)).toEqual(Array.from({ length: 20 }, (_, i) => LAB_DEVICES[i % 6]));
    const random = randomCluster(30, 2);
    expect(random.nodes).toHaveLength(30);
    expect(new Set(random.nodes.map((n) => n.preset)).size).toBeGreaterThan(2);
    expect(() => randomCluster(0, 1)).toThrow(RangeError);
  });
});

describe('homeWifiMbps(distance)', () => {
  it('falls from 150 Mbit/s next to the router to a floor of 40', () => {
    expect(homeWifiMbps(0)).toBe(150);
    expect(homeWifiMbps(10)).toBe(105);
    expect(homeWifiMbps(100)).toBe(40);
  });
});
