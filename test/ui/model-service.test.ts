import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../src/model/index';
import { buildTinyCnn } from '../../src/model/zoo/tiny-cnn';
import { ModelService } from '../../src/ui/workers/model-service';
import { pooledInputs } from '../../src/workers/run-real';

const noProgress = () => undefined;

describe('ModelService', () => {
  it('loadFile(bytes, name) profiles an ONNX file, and reference() runs it whole', async () => {
    const service = new ModelService();
    const result = await service.loadFile(encodeModel(buildTinyCnn()), 'tiny.onnx', undefined, noProgress);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.analysis.name).toBe('tiny');
    expect(result.analysis.blocks).toHaveLength(17);
    const outputs = await service.reference(pooledInputs(result.analysis, 2, 1), noProgress);
    expect(outputs).toHaveLength(2);
    expect(outputs[0][0].dims).toEqual([1, 10]);
    const sum = Array.from(outputs[0][0].data as Float32Array).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 4);
  });

  it('loadZoo(name, seed) builds a generated zoo model', async () => {
    const result = await new ModelService().loadZoo('tiny-cnn', 1, 'http://localhost/', noProgress);
    expect(result.ok && result.analysis.blocks.length).toBe(17);
  });

  it('answers bad input with a code and a message, never a throw', async () => {
    const service = new ModelService();
    expect(await service.loadFile(new Uint8Array([1, 2, 3]), 'notes.txt', undefined, noProgress)).toEqual({
      ok: false,
      error: { code: 'bad-model-file', message: expect.stringContaining('does not end in .onnx') },
    });
    const garbage = await service.loadFile(new Uint8Array([0xff, 0xff, 0xff, 0x01]), 'broken.onnx', undefined, noProgress);
    expect(garbage.ok).toBe(false);
    expect(await service.loadZoo('no-such-model', 1, 'http://localhost/', noProgress)).toMatchObject({ ok: false, error: { code: 'no-such-model' } });
    await expect(new ModelService().reference([], noProgress)).rejects.toThrow('before a model was loaded');
  });
});
