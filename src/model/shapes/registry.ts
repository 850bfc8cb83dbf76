/** op type -> shape rule, for the default ONNX domain. */
import { constantRules } from './constant';
import { controlFlowRules } from './control-flow';
import { convRules } from './conv';
import { einsumRules } from './einsum';
import { elementwiseRules } from './elementwise';
import { matmulRules } from './matmul';
import { normalizationRules } from './normalization';
import { quantizeRules } from './quantize';
import { reduceRules } from './reduce';
import { resizeRules } from './resize';
import { shapeOpRules } from './shape-ops';
import { slicingRules } from './slicing';
import { unaryRules } from './unary';
import type { ShapeRule } from './types';

const RULES: ReadonlyMap<string, ShapeRule> = new Map(
  Object.entries({
    ...unaryRules,
    ...elementwiseRules,
    ...constantRules,
    ...shapeOpRules,
    ...slicingRules,
    ...convRules,
    ...normalizationRules,
    ...reduceRules,
    ...matmulRules,
    ...einsumRules,
    ...resizeRules,
    ...quantizeRules,
    ...controlFlowRules,
  }),
);

/** The rule for an op, or undefined for ops we do not know (and for every op outside the ONNX domain). */
export function shapeRule(domain: string, opType: string): ShapeRule | undefined {
  return domain === '' || domain === 'ai.onnx' ? RULES.get(opType) : undefined;
}

/** The op types that have a rule, sorted (for reports and docs). */
export function supportedOps(): string[] {
  return [...RULES.keys()].sort();
}
