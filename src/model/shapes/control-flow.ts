/**
 * Ops with subgraphs. If is inferred through its branches (the taken one when the condition is known, else
 * both, which must agree). Loop and Scan are left to probeShapes: their outputs depend on run-time iteration.
 */
import { formatShape } from './indexing';
import type { ShapeRule } from './types';

const ifRule: ShapeRule = (ctx) => {
  const cond = ctx.input(0).value;
  if (cond) return ctx.inferSubgraph(ctx.graph(cond[0] !== 0 ? 'then_branch' : 'else_branch'));
  const thenOut = ctx.inferSubgraph(ctx.graph('then_branch'));
  const elseOut = ctx.inferSubgraph(ctx.graph('else_branch'));
  thenOut.forEach((t, i) => {
    const e = elseOut[i];
    if (!e || e.dtype !== t.dtype || e.shape.join(',') !== t.shape.join(',')) {
      ctx.fail(
        `the condition is only known at run time and output ${i} differs between the branches (then ${t.dtype}${formatShape(t.shape)}, ` + `else ${e ? e.dtype + formatShape(e.shape) : 'missing'})`,
      );
    }
  });
  return thenOut.map((t, i) => (t.value && elseOut[i].value?.join(',') === t.value.join(',') ? t : { dtype: t.dtype, shape: t.shape }));
};

const iterating: ShapeRule = (ctx) => ctx.fail('its output shapes depend on how many iterations run, which only a run can tell');

export const controlFlowRules: Record<string, ShapeRule> = { If: ifRule, Loop: iterating, Scan: iterating };
