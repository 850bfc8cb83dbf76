/**
 * EfficientNet-B1 as keras.applications.EfficientNetB1: width 1.0, depth 1.1 (round_repeats = ceil(1.1 * r)),
 * 240x240, swish = x * sigmoid(x), squeeze-excitation (ratio 0.25), 7,856,239 parameters in Keras.
 * Keras' Rescaling(1/255) is left out: zoo models take inputs in [0, 1). Its Normalization layer is kept with
 * the ImageNet statistics; Dropout is an identity at inference and has no node.
 */
import type { Model } from '../types';
import { GraphBuilder, resolveBuildOptions, zooMetadata, type Value, type ZooBuildOptions } from './graph-builder';
import { correctPad } from './layer-shapes';

export const EFFICIENTNETB1_INPUT_SHAPE = [1, 3, 240, 240];

const DEPTH_COEFFICIENT = 1.1;

/**
 * Gamma of the last BN of a residual branch. Even with measured BN statistics (build({ calibrate: true })), a
 * random swish network amplifies the differences between one input and the next from block to block; scaling
 * the residual branches down (as SkipInit/Fixup do at initialisation) keeps each block close to the identity,
 * so activations stay within a small factor of unit scale for any input (measured: final BN output mean square
 * 2.5-3.7 on fresh inputs over 4 weight seeds, against 300-1200 with gamma 1).
 */
const RESIDUAL_GAMMA = 0.2;

interface StageArgs {
  kernel: number;
  repeats: number;
  filtersIn: number;
  filtersOut: number;
  expand: number;
  stride: number;
}

/** keras' DEFAULT_BLOCKS_ARGS (all with squeeze-excitation ratio 0.25 and id_skip). */
const STAGES: readonly StageArgs[] = [
  { kernel: 3, repeats: 1, filtersIn: 32, filtersOut: 16, expand: 1, stride: 1 },
  { kernel: 3, repeats: 2, filtersIn: 16, filtersOut: 24, expand: 6, stride: 2 },
  { kernel: 5, repeats: 2, filtersIn: 24, filtersOut: 40, expand: 6, stride: 2 },
  { kernel: 3, repeats: 3, filtersIn: 40, filtersOut: 80, expand: 6, stride: 2 },
  { kernel: 5, repeats: 3, filtersIn: 80, filtersOut: 112, expand: 6, stride: 1 },
  { kernel: 5, repeats: 4, filtersIn: 112, filtersOut: 192, expand: 6, stride: 2 },
  { kernel: 3, repeats: 1, filtersIn: 192, filtersOut: 320, expand: 6, stride: 1 },
];

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_VARIANCE = [0.229 ** 2, 0.224 ** 2, 0.225 ** 2];

export function buildEfficientNetB1(options: ZooBuildOptions = {}): Model {
  const { seed, onProgress } = resolveBuildOptions(options);
  const b = new GraphBuilder();
  let x = b.normalize(b.input('input', EFFICIENTNETB1_INPUT_SHAPE), IMAGENET_MEAN, IMAGENET_VARIANCE, 'normalization');
  x = b.pad(x, correctPad([x.shape[2] ?? 0, x.shape[3] ?? 0], 3), 'stem_conv_pad');
  x = b.conv(x, { filters: roundFilters(32), kernel: 3, stride: 2, bias: false, name: 'stem_conv' });
  x = b.swish(b.batchNorm(x, { name: 'stem_bn' }), 'stem_activation');
  STAGES.forEach((stage, index) => {
    const repeats = Math.ceil(DEPTH_COEFFICIENT * stage.repeats);
    for (let j = 0; j < repeats; j++) {
      const name = `block${index + 1}${String.fromCharCode(97 + j)}_`;
      const filtersIn = j === 0 ? roundFilters(stage.filtersIn) : roundFilters(stage.filtersOut);
      x = mbConv(b, x, { ...stage, filtersIn, filtersOut: roundFilters(stage.filtersOut), stride: j === 0 ? stage.stride : 1 }, name);
    }
  });
  x = b.conv(x, { filters: roundFilters(1280), kernel: 1, bias: false, name: 'top_conv' });
  x = b.swish(b.batchNorm(x, { name: 'top_bn' }), 'top_activation');
  x = b.flatten(b.globalAvgPool(x, 'avg_pool'));
  b.output(b.softmax(b.gemm(x, 1000, { name: 'predictions' })));
  return b.build({ graphName: 'efficientnetb1', seed, onProgress, metadata: zooMetadata('efficientnetb1'), calibrate: true });
}

/** keras' round_filters with width coefficient 1.0 and divisor 8. */
function roundFilters(filters: number, width = 1.0, divisor = 8): number {
  const scaled = filters * width;
  let rounded = Math.max(divisor, Math.floor((scaled + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * scaled) rounded += divisor;
  return rounded;
}

/** keras' efficientnet.block: expand -> depthwise -> squeeze-excitation -> project (+ Add). */
function mbConv(b: GraphBuilder, input: Value, args: StageArgs, name: string): Value {
  const filters = args.filtersIn * args.expand;
  let x = input;
  if (args.expand !== 1) {
    x = b.conv(x, { filters, kernel: 1, bias: false, name: `${name}expand_conv` });
    x = b.swish(b.batchNorm(x, { name: `${name}expand_bn` }), `${name}expand_activation`);
  }
  if (args.stride === 2) x = b.pad(x, correctPad([x.shape[2] ?? 0, x.shape[3] ?? 0], args.kernel), `${name}dwconv_pad`);
  x = b.depthwiseConv(x, { kernel: args.kernel, stride: args.stride, padding: args.stride === 2 ? 'valid' : 'same', name: `${name}dwconv` });
  x = b.swish(b.batchNorm(x, { name: `${name}bn` }), `${name}activation`);

  const squeezed = Math.max(1, Math.floor(args.filtersIn * 0.25));
  let se = b.globalAvgPool(x, `${name}se_squeeze`);
  se = b.swish(b.conv(se, { filters: squeezed, kernel: 1, name: `${name}se_reduce` }), `${name}se_reduce_activation`);
  se = b.sigmoid(b.conv(se, { filters, kernel: 1, name: `${name}se_expand` }), `${name}se_expand_activation`);
  x = b.mul(x, se, `${name}se_excite`);

  x = b.conv(x, { filters: args.filtersOut, kernel: 1, bias: false, name: `${name}project_conv` });
  const residual = args.stride === 1 && args.filtersIn === args.filtersOut;
  x = b.batchNorm(x, { name: `${name}project_bn`, gamma: residual ? RESIDUAL_GAMMA : 1 });
  return args.stride === 1 && args.filtersIn === args.filtersOut ? b.add(x, input, `${name}add`) : x;
}
