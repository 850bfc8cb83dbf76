import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../../src/model/onnx-decode';
import { encodeModel } from '../../../src/model/onnx-encode';
import { findZooEntry, parameterCount, zoo } from '../../../src/model/zoo/index';
import { buildVgg16 } from '../../../src/model/zoo/vgg16';
import { expectParamsNear } from './zoo-helpers';

const NAMES = ['resnet50', 'resnet18', 'mobilenetv2', 'vgg16', 'efficientnetb1', 'inceptionresnetv2', 'tiny-cnn', 'ppocr-cls', 'ppocr-det', 'ppocr-rec'];

describe('zoo', () => {
  it('zoo lists the ten models, generated ones untrained with a build function, PaddleOCR ones as pretrained files', () => {
    expect(zoo.map((e) => e.name)).toEqual(NAMES);
    for (const entry of zoo) {
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.description).not.toContain('\n');
      expect(entry.inputShape).toHaveLength(4);
      if (entry.kind === 'generated') {
        expect([entry.trained, typeof entry.build, entry.file]).toEqual([false, 'function', undefined]);
        expect(entry.description).toContain('untrained (seeded random weights)');
      } else {
        expect([entry.trained, entry.build, entry.file]).toEqual([true, undefined, `${entry.name}.onnx`]);
        expect(entry.description).toMatch(/^pretrained PaddleOCR .*, Apache-2.0$/);
      }
    }
    expect(Object.fromEntries(zoo.filter((e) => e.kind === 'file').map((e) => [e.name, e.inputShape]))).toEqual({
      'ppocr-cls': [1, 3, 48, 192],
      'ppocr-det': [1, 3, 320, 320],
      'ppocr-rec': [1, 3, 48, 320],
    });
  });

  it('findZooEntry(name) finds an entry by its id, undefined otherwise, and rejects a non-string', () => {
    expect(findZooEntry('resnet50')?.title).toBe('ResNet-50');
    expect(findZooEntry('ResNet50')).toBeUndefined();
    expect(() => findZooEntry(3 as unknown as string)).toThrow(TypeError);
  });

  it('every generated entry builds a model with its input shape and its reference parameter count within 2 %', () => {
    for (const entry of zoo.filter((e) => e.kind === 'generated' && e.name !== 'vgg16')) {
      const model = entry.build?.() ?? null;
      expect(model?.graph.inputs[0]?.shape).toEqual(entry.inputShape);
      if (entry.referenceParams && model) expectParamsNear(parameterCount(model), entry.referenceParams);
    }
    // VGG-16's 553 MB are built once, in vgg16.test.ts
    expect(findZooEntry('vgg16')?.build).toBe(buildVgg16);
  });

  it('decodeModel(encodeModel(m)) keeps the nodes, initializers and value infos of every generated model but VGG-16', () => {
    for (const entry of zoo.filter((e) => e.kind === 'generated' && e.name !== 'vgg16')) {
      const model = entry.build?.({ seed: 3 });
      if (!model) throw new Error(`${entry.name} did not build`);
      const back = decodeModel(encodeModel(model), entry.name);
      expect(back.graph.nodes.length).toBe(model.graph.nodes.length);
      expect(back.graph.initializers.length).toBe(model.graph.initializers.length);
      expect(back.graph.valueInfo.length).toBe(model.graph.valueInfo.length);
      expect(parameterCount(back)).toBe(parameterCount(model));
    }
  });

  it('the PaddleOCR files are where scripts/copy-models.mjs puts them', () => {
    for (const entry of zoo.filter((e) => e.kind === 'file')) {
      expect(existsSync(new URL(`../../../public/models/${entry.file}`, import.meta.url))).toBe(true);
    }
  });
});
