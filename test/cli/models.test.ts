import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('seifer-lab models', () => {
  it('lists every zoo model, one line each', async () => {
    const { code, stdout } = await runCli('models');
    expect(code).toBe(0);
    for (const name of ['resnet50', 'resnet18', 'mobilenetv2', 'vgg16', 'efficientnetb1', 'inceptionresnetv2', 'tiny-cnn', 'ppocr-cls', 'ppocr-det', 'ppocr-rec']) {
      expect(stdout).toMatch(new RegExp(`^${name} `, 'm'));
    }
  });

  it('--json gives plain entries without functions', async () => {
    const entries = JSON.parse((await runCli('models', '--json')).stdout);
    expect(entries.find((e: { name: string }) => e.name === 'vgg16')).toMatchObject({ kind: 'generated', trained: false, inputShape: [1, 3, 224, 224], referenceParams: 138_357_544 });
    expect(entries.every((e: object) => !('build' in e))).toBe(true);
  });
});
