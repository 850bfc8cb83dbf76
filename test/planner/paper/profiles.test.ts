import { describe, expect, test } from 'vitest';
import { SeiferError } from '../../../src/errors';
import { correctProfile, readPaperModels } from '../../../src/planner/paper/profiles';
import { validateProfile } from '../../../src/planner/validate';
import { transferClasses } from '../../../src/planner/kpath-matching';
import { paperModel, paperModels } from './fixtures';

describe('SEIFER profiles', () => {
  test("readPaperModels(json) reads the ten models with spec 3's partition-point counts", () => {
    expect([...paperModels.keys()].sort()).toHaveLength(10);
    expect(paperModel('ResNet50').partitionPoints).toHaveLength(41);
    expect(paperModel('MobileNetV2').partitionPoints).toHaveLength(76);
    expect(paperModel('EfficientNetB1').partitionPoints).toHaveLength(93);
    expect(paperModel('InceptionResNetV2').partitionPoints).toHaveLength(105);
  });

  test("readPaperModels(json) recomputes transfers at full precision: Xception's 58.6 Mbit lands on a class edge", () => {
    const model = paperModel('Xception');
    expect(model.transferMbit[4]).toBe(58.6181640625); // the file says 58.618164
    // with the file's rounded value the transfer falls into class 10, with the notebook's value into 11
    expect(transferClasses(model.transferMbit, [model.transferMbit[4], model.transferMbit[7]], 20, false)).toEqual([11, 11]);
  });

  test('readPaperModels(json) names the field that is wrong', () => {
    expect(() => readPaperModels({ M: { partition_points: ['a', 'b'] } })).toThrow(SeiferError);
    expect(() => readPaperModels({ M: { partition_points: ['a', 'b'] } })).toThrow(/M\.segment_mem_bytes/);
  });

  test('correctProfile(model) counts float32 tensors once and 4 bytes per parameter', () => {
    const model = paperModel('ResNet50');
    const profile = correctProfile(model);
    expect(validateProfile(profile)).toEqual(profile);
    expect(profile.blocks).toHaveLength(40);
    expect(profile.inputBytes).toBe(4 * 224 * 224 * 3);
    expect(profile.blocks[1]).toEqual({ name: 'conv1_conv', memoryBytes: model.segmentActBytes[1] + 4 * model.segmentParamCount[1], flops: 0, outBytes: 4 * model.outElems[2] });
    const totalMiB = profile.blocks.reduce((s, b) => s + b.memoryBytes, 0) / 2 ** 20;
    expect(totalMiB).toBeGreaterThan(230);
    expect(totalMiB).toBeLessThan(245);
  });
});
