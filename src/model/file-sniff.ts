/** Recognises files people mistake for ONNX models, so the error can say what the file is and how to convert it. */

const utf8 = new TextDecoder();

export function sniffNonOnnx(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, 16);
  const text = utf8.decode(head);
  const starts = (...values: number[]) => values.every((v, i) => head[i] === v);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive (a PyTorch .pt/.pth checkpoint or a Keras .keras file?): export it with torch.onnx.export or tf2onnx';
  if (starts(0x89, 0x48, 0x44, 0x46)) return 'an HDF5 file (a Keras .h5 model?): convert it with tf2onnx';
  if (utf8.decode(bytes.subarray(4, 8)) === 'TFL3') return 'a TensorFlow Lite model: convert it with tf2onnx --tflite';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x1f, 0x8b)) return 'a gzip file: decompress it first';
  if (/^\s*[{[]/.test(text)) return 'a JSON file';
  if (/^\s*</.test(text)) return 'an HTML or XML page (a download link that returned a web page?)';
  return undefined;
}

/**
 * Whether the bytes begin like a ModelProto: field 1 (ir_version, varint) with a value 3..10.
 * Every exporter we know writes ir_version first, so a decoding failure after such a start means truncation.
 */
export function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x08 && bytes[1] >= 3 && bytes[1] <= 12;
}
