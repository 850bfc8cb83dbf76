import { describe, expect, test } from 'vitest';
import { type PaperMemo, paperPartition, pythonSliceSum } from '../../../src/planner/paper/partition';
import { paperModel } from './fixtures';

const cutNames = (name: string, cap: number, nodes: number, memo?: PaperMemo) => {
  const model = paperModel(name);
  const { partitions } = paperPartition(model, cap * 2 ** 20, nodes, memo);
  return partitions.slice(0, -1).map(([, j]) => model.partitionPoints[j - 1]);
};
const transfers = (name: string, cap: number, nodes: number, memo?: PaperMemo) => paperPartition(paperModel(name), cap * 2 ** 20, nodes, memo).transfersMbit.map((t) => Number(t.toFixed(2)));

describe('paperPartition', () => {
  test('pythonSliceSum(values, start, stop) follows Python slices, negative stop included', () => {
    expect(pythonSliceSum([1, 2, 3, 4], 0, 2)).toBe(3);
    expect(pythonSliceSum([1, 2, 3, 4], 0, -1)).toBe(6);
    expect(pythonSliceSum([1, 2, 3, 4], 2, 1)).toBe(0);
    expect(pythonSliceSum([1, 2, 3, 4], 3, 99)).toBe(4);
  });

  test('paperPartition(model, cap) with a fresh memo gives the partitions of spec 4.2', () => {
    expect(cutNames('MobileNetV2', 64, 50)).toEqual(['block_6_project']);
    expect(transfers('MobileNetV2', 64, 50)).toEqual([0.53]);
    expect(cutNames('EfficientNetB1', 64, 50)).toEqual(['block2a_project_conv', 'block4a_project_conv']);
    expect(transfers('EfficientNetB1', 64, 50)).toEqual([3.66, 0.76]);
    expect(transfers('EfficientNetB1', 128, 50)).toEqual([0.76]);
    expect(cutNames('ResNet50', 64, 50)).toEqual(['pool1_pool', 'conv3_block2_add', 'conv5_block1_add']);
    expect(transfers('ResNet50', 64, 50)).toEqual([17.01, 17.01, 4.25]);
    expect(cutNames('ResNet50', 128, 50)).toEqual(['conv4_block1_add']);
    expect(transfers('InceptionResNetV2', 64, 10)).toEqual([14.46, 16.62, 16.62, 13.33, 13.33, 5.64]);
    expect(transfers('InceptionResNetV2', 128, 50)).toEqual([16.62, 13.33]);
    expect(transfers('InceptionResNetV2', 256, 50)).toEqual([13.33]);
    expect(paperPartition(paperModel('ResNet50'), 256 * 2 ** 20, 5).partitions).toHaveLength(1);
  });

  test('paperPartition(IRV2 at 64 MB, 5 nodes) is infeasible: the 7-partition path is too long', () => {
    expect(paperPartition(paperModel('InceptionResNetV2'), 64 * 2 ** 20, 5).partitions).toEqual([]);
  });

  test('paperPartition(...) with the memo filled at 64 MB reproduces the published bug for IRV2 at 128 and 256 MB', () => {
    const memo: PaperMemo = new Map();
    paperPartition(paperModel('InceptionResNetV2'), 64 * 2 ** 20, 5, memo);
    expect(transfers('InceptionResNetV2', 128, 50, memo)).toEqual([16.62, 13.33, 13.33, 13.33]);
    expect(transfers('InceptionResNetV2', 256, 50, memo)).toEqual([13.33, 5.64]);
  });

  test('paperPartition(...) drops one segment per cut (the off-by-one): VGG16 fits 64 MB in 3 partitions', () => {
    expect(transfers('VGG16', 64, 50)).toEqual([4.25, 1.06]);
  });
});
