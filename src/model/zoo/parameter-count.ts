/** How many parameters a model stores: the elements of its float initializers and float Constant tensors. */
import { elementCount, isFloatDType } from '../dtype';
import type { Model, Tensor } from '../types';

export function parameterCount(model: Model): number {
  let count = 0;
  const add = (tensor: Tensor) => {
    if (isFloatDType(tensor.dtype)) count += elementCount(tensor.dims);
  };
  for (const tensor of model.graph.initializers) add(tensor);
  for (const node of model.graph.nodes) {
    if (node.opType !== 'Constant' || node.domain !== '') continue;
    for (const attr of node.attributes) if (attr.kind === 'tensor') add(attr.value);
  }
  return count;
}
