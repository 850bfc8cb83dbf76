import { describe, expect, it } from 'vitest';
import { cleanOrtMessage, explainOrtError } from '../../src/model/ort-run';

describe('cleanOrtMessage(message)', () => {
  it("drops onnxruntime's wrapper, status prefixes, build paths and the C++ functions named after them", () => {
    const cases: [string, string][] = [
      [
        "Error: Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: /mnt/azure_nvme_temp/_work/1/s/onnxruntime/core/optimizer/initializer.cc:51 onnxruntime::Initializer::Initializer(const onnx::TensorProto &, const std::filesystem::path &) [ONNXRuntimeError] : 1 : FAIL : tensorprotoutils.cc:1472 ValidateEmbeddedTensorProtoDataSizeAndShape Initializer 'w': raw_data size (8 bytes) does not match expected size from shape and data type (16 bytes)",
        "Initializer 'w': raw_data size (8 bytes) does not match expected size from shape and data type (16 bytes)",
      ],
      [
        '/mnt/vss/_work/1/s/onnxruntime/core/framework/tensorprotoutils.cc:2184 onnxruntime::common::Status onnxruntime::utils::TensorProtoToTensor(const Env &, const onnx::TensorProto &, Tensor &) tensor_proto.dims(i) >= 0 was false. Invalid shape',
        'tensor_proto.dims(i) >= 0 was false. Invalid shape',
      ],
      [
        "Non-zero status code returned while running Add node. Name:'y' Status Message: /onnxruntime_src/onnxruntime/core/providers/cpu/math/element_wise_ops.h:560 void onnxruntime::BroadcastIterator::Append(ptrdiff_t, ptrdiff_t) axis == 1 || axis == largest was false. Attempting to broadcast",
        "Non-zero status code returned while running Add node. Name:'y' Status Message: axis == 1 || axis == largest was false. Attempting to broadcast",
      ],
      ['[ShapeInferenceError] Incompatible dimensions', '[ShapeInferenceError] Incompatible dimensions'],
    ];
    for (const [raw, clean] of cases) expect(cleanOrtMessage(raw)).toBe(clean);
  });

  it('explainOrtError(error, where) reports the cleaned message as a runtime error', () => {
    const error = explainOrtError(new Error('ERROR_MESSAGE: /a/b/graph.cc:12 void f(int) bad graph'), 'probeShapes');
    expect(error.code).toBe('runtime-error');
    expect(error.message).toBe('onnxruntime-web failed: bad graph (probeShapes). Check the model with onnx.checker.check_model; if it is valid, report the model and this message.');
  });
});
