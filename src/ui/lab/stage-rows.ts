/** The ONNX nodes of a range of blocks, as rows for the model view's list (in execution order). */
import type { ModelAnalysis } from '../../model/index';
import { formatFlops } from '../../util/format';

export interface NodeRow {
  /** Position in the topological order. */
  position: number;
  block: number;
  opType: string;
  name: string;
  shape: string;
  flops: string;
}

export function stageNodeRows(analysis: ModelAnalysis, firstBlock: number, lastBlock: number): NodeRow[] {
  const rows: NodeRow[] = [];
  const { blocks, topology, model, tensors, flopsAt } = analysis;
  for (let b = Math.max(0, firstBlock); b <= Math.min(lastBlock, blocks.length - 1); b++) {
    for (let p = blocks[b].firstPosition; p <= blocks[b].lastPosition; p++) {
      const node = model.graph.nodes[topology.order[p]];
      const out = tensors.get(node.outputs[0] ?? '');
      rows.push({
        position: p,
        block: b,
        opType: node.opType,
        name: node.name,
        shape: out ? `[${out.shape.join('x')}]` : '',
        flops: flopsAt[p] > 0 ? formatFlops(flopsAt[p]) : '-',
      });
    }
  }
  return rows;
}
