/**
 * The model zoo: generated architectures (built here from their definition with seeded random weights) and the
 * pretrained PaddleOCR files that scripts/copy-models.mjs copies to public/models/.
 */
import type { Model } from '../types';
import { buildEfficientNetB1, EFFICIENTNETB1_INPUT_SHAPE } from './efficientnet-b1';
import { buildInceptionResNetV2, INCEPTIONRESNETV2_INPUT_SHAPE } from './inception-resnet-v2';
import { buildMobileNetV2, MOBILENETV2_INPUT_SHAPE } from './mobilenet-v2';
import { buildResNet18, RESNET18_INPUT_SHAPE } from './resnet18';
import { buildResNet50, RESNET50_INPUT_SHAPE } from './resnet50';
import { buildTinyCnn, TINY_CNN_INPUT_SHAPE } from './tiny-cnn';
import { buildVgg16, VGG16_INPUT_SHAPE } from './vgg16';

export { parameterCount } from './parameter-count';

export interface ZooEntry {
  /** CLI/URL id. */
  name: string;
  title: string;
  kind: 'generated' | 'file';
  /** One line. */
  description: string;
  /** Default input shape. */
  inputShape: number[];
  /** Published parameter count. */
  referenceParams?: number;
  trained: boolean;
  /** For kind 'file': the file name under public/models/. */
  file?: string;
  /** For kind 'generated'; default seed 1. */
  build?: (options?: { seed?: number; onProgress?: (fraction: number) => void }) => Model;
}

const UNTRAINED = 'untrained (seeded random weights)';

export const zoo: ZooEntry[] = [
  {
    name: 'resnet50',
    title: 'ResNet-50',
    kind: 'generated',
    trained: false,
    inputShape: RESNET50_INPUT_SHAPE,
    build: buildResNet50,
    referenceParams: 25_636_712,
    description: `ResNet-50 (Keras ResNet50 layout), ${UNTRAINED}`,
  },
  {
    name: 'resnet18',
    title: 'ResNet-18',
    kind: 'generated',
    trained: false,
    inputShape: RESNET18_INPUT_SHAPE,
    build: buildResNet18,
    referenceParams: 11_689_512,
    description: `ResNet-18 (torchvision layout), ${UNTRAINED}`,
  },
  {
    name: 'mobilenetv2',
    title: 'MobileNetV2',
    kind: 'generated',
    trained: false,
    inputShape: MOBILENETV2_INPUT_SHAPE,
    build: buildMobileNetV2,
    referenceParams: 3_538_984,
    description: `MobileNetV2 alpha 1.0 (Keras layout), ${UNTRAINED}`,
  },
  {
    name: 'vgg16',
    title: 'VGG-16',
    kind: 'generated',
    trained: false,
    inputShape: VGG16_INPUT_SHAPE,
    build: buildVgg16,
    referenceParams: 138_357_544,
    description: `VGG-16 (Keras layout, 553 MB of weights), ${UNTRAINED}`,
  },
  {
    name: 'efficientnetb1',
    title: 'EfficientNet-B1',
    kind: 'generated',
    trained: false,
    inputShape: EFFICIENTNETB1_INPUT_SHAPE,
    build: buildEfficientNetB1,
    referenceParams: 7_856_239,
    description: `EfficientNet-B1 (Keras layout), ${UNTRAINED}`,
  },
  {
    name: 'inceptionresnetv2',
    title: 'InceptionResNetV2',
    kind: 'generated',
    trained: false,
    inputShape: INCEPTIONRESNETV2_INPUT_SHAPE,
    build: buildInceptionResNetV2,
    referenceParams: 55_873_736,
    description: `InceptionResNetV2 (Keras layout), ${UNTRAINED}`,
  },
  {
    name: 'tiny-cnn',
    title: 'Tiny CNN',
    kind: 'generated',
    trained: false,
    inputShape: TINY_CNN_INPUT_SHAPE,
    build: buildTinyCnn,
    description: `Tiny residual CNN for tests, 32x32, 10 classes, ${UNTRAINED}`,
  },
  {
    name: 'ppocr-cls',
    title: 'PP-OCR text direction classifier',
    kind: 'file',
    trained: true,
    inputShape: [1, 3, 48, 192],
    file: 'ppocr-cls.onnx',
    description: 'pretrained PaddleOCR mobile v2.0 text-direction classifier (MobileNetV3), Apache-2.0',
  },
  {
    name: 'ppocr-det',
    title: 'PP-OCRv4 text detector',
    kind: 'file',
    trained: true,
    inputShape: [1, 3, 320, 320],
    file: 'ppocr-det.onnx',
    description: 'pretrained PaddleOCR PP-OCRv4 text detector (MobileNetV3 + DB head), Apache-2.0',
  },
  {
    name: 'ppocr-rec',
    title: 'PP-OCRv4 text recognizer',
    kind: 'file',
    trained: true,
    inputShape: [1, 3, 48, 320],
    file: 'ppocr-rec.onnx',
    description: 'pretrained PaddleOCR PP-OCRv4 text recognizer (SVTR), Apache-2.0',
  },
];

export function findZooEntry(name: string): ZooEntry | undefined {
  if (typeof name !== 'string') throw new TypeError(`'name' must be a string, got ${typeof name}`);
  return zoo.find((entry) => entry.name === name);
}
