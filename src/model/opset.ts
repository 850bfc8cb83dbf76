import type { Model } from './types';

/** The default-domain opset the model imports (7 .. 21 for the models we read). */
export function opsetVersion(model: Model): number {
  return model.opsetImports.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 0;
}
