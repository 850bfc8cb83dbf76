/** The scenario the page opens on: the pretrained PaddleOCR classifier on the heterogeneous lab, planned by best. */
import { CLUSTER_PRESETS, LAB_SEED } from './cluster-presets';
import type { LabScenario } from './scenario-spec';

/**
 * ppocr-cls rather than ResNet-18: it is a real pretrained model (579 KB, 35 MFLOPs), it loads in a blink and
 * each request costs the host a few ms, so six workers on two cores stay well ahead of the emulated devices
 * (not host-bound) and the main thread keeps its frames; ResNet-18 (3.6 GFLOPs, 45 MB) is one click away.
 */
export function defaultScenario(): LabScenario {
  const lab = CLUSTER_PRESETS[0].build(LAB_SEED);
  return {
    model: 'ppocr-cls',
    modelSeed: 1,
    ...lab,
    algorithm: 'best',
    objective: 'full',
    seed: 1,
    timeScale: 1,
    mode: 'real',
    chaosPerMin: 0,
    load: { mode: 'closed' },
  };
}
