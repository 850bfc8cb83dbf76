/** Runs stage models one after another (positional contract) and checks the chain against the whole model. */
import type { ModelAnalysis } from './analyze';
import { createSession, maxAbsDiff, randomInputs, type TensorValue } from './ort-run';
import type { StageModel } from './slice';

/** Runs the stages in order on the whole model's inputs (in graph input order) and returns the final outputs by name. */
export async function runChain(stages: readonly StageModel[], inputs: TensorValue[]): Promise<Record<string, TensorValue>> {
  let values = inputs;
  let named: Record<string, TensorValue> = {};
  for (const stage of stages) {
    const session = await createSession(stage.bytes, `stage ${stage.index}`, stage.model);
    try {
      const feeds: Record<string, TensorValue> = {};
      stage.inputs.forEach((name, i) => (feeds[name] = values[i]));
      named = await session.run(feeds);
      values = stage.outputs.map((name) => named[name]);
    } finally {
      await session.release();
    }
  }
  return named;
}

export interface ChainCheck {
  maxAbsDiff: number;
  outputs: string[];
}

/**
 * Whole model vs chained stages on one seeded random input. `wholeBytes` may be the model as read (inputs fixed
 * to a value are fed their value, so an inlined If is checked too) or the model as analysed.
 */
export async function verifyChain(analysis: ModelAnalysis, stages: readonly StageModel[], seed: number, wholeBytes: Uint8Array): Promise<ChainCheck> {
  const dtypes = Object.fromEntries(analysis.topology.activationInputs.map((name) => [name, analysis.tensors.get(name)?.dtype ?? 'float32']));
  const feeds = randomInputs(analysis.inputShapes, dtypes, seed);
  const whole = await createSession(wholeBytes, analysis.name, analysis.model);
  let expected: Record<string, TensorValue>;
  try {
    const all = { ...analysis.fixedInputs, ...feeds };
    expected = await whole.run(Object.fromEntries(whole.inputNames.filter((name) => name in all).map((name) => [name, all[name]])));
  } finally {
    await whole.release();
  }
  const actual = await runChain(
    stages,
    analysis.topology.activationInputs.map((name) => feeds[name]),
  );
  let worst = 0;
  for (const name of Object.keys(expected)) worst = Math.max(worst, actual[name] ? maxAbsDiff(expected[name], actual[name]) : Infinity);
  return { maxAbsDiff: worst, outputs: Object.keys(expected) };
}
