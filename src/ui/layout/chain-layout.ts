/**
 * The model view's block chain: one rectangle per block (width by FLOPs or memory), coloured by the stage that
 * holds it, with the cuts between stages labelled by the bytes they carry. Blocks too thin to see are drawn
 * merged with their neighbours of the same stage, so a 5,000-node model costs a few hundred rectangles at most.
 */
export interface ChainBlock {
  flops: number;
  memoryBytes: number;
  outBytes: number;
}

export interface ChainRect {
  x: number;
  width: number;
  /** Blocks firstBlock..lastBlock (inclusive) drawn as this one rectangle. */
  firstBlock: number;
  lastBlock: number;
  /** -1 when no stage holds it. */
  stage: number;
}

export interface ChainCut {
  x: number;
  /** The cut after this block. */
  afterBlock: number;
  bytes: number;
}

export interface ChainLayout {
  rects: ChainRect[];
  /** Cuts between consecutive stages. */
  cuts: ChainCut[];
}

export interface StageRange {
  firstBlock: number;
  lastBlock: number;
}

/** Rectangles narrower than this are merged with their neighbours. */
export const MIN_RECT_PX = 3;

export function chainLayout(blocks: readonly ChainBlock[], stages: readonly StageRange[] | null, width: number, measure: 'flops' | 'memory'): ChainLayout {
  if (!(width > 0) || blocks.length === 0) return { rects: [], cuts: [] };
  // stages of another model (a new one is still loading) are not drawn on this one
  if (stages?.some((s) => s.lastBlock >= blocks.length)) stages = null;
  const stageOf = new Int32Array(blocks.length).fill(-1);
  stages?.forEach((s, k) => stageOf.fill(k, s.firstBlock, s.lastBlock + 1));
  const values = blocks.map((b) => (measure === 'flops' ? b.flops : b.memoryBytes));
  const total = values.reduce((a, b) => a + b, 0);
  // every block gets a sliver even when it costs nothing, so it can be seen and clicked when there is room
  const floor = total > 0 ? total / (blocks.length * 20) : 1;
  const weights = values.map((v) => v + floor);
  const scale = width / weights.reduce((a, b) => a + b, 0);
  const rects: ChainRect[] = [];
  let x = 0;
  for (let i = 0; i < blocks.length; i++) {
    const w = weights[i] * scale;
    const last = rects[rects.length - 1];
    if (last && last.stage === stageOf[i] && (last.width < MIN_RECT_PX || w < MIN_RECT_PX)) {
      last.width += w;
      last.lastBlock = i;
    } else {
      rects.push({ x, width: w, firstBlock: i, lastBlock: i, stage: stageOf[i] });
    }
    x += w;
  }
  const cuts = (stages ?? []).slice(0, -1).map((s) => {
    const rect = rects.find((r) => r.lastBlock === s.lastBlock);
    return { x: rect ? rect.x + rect.width : 0, afterBlock: s.lastBlock, bytes: blocks[s.lastBlock].outBytes };
  });
  return { rects, cuts };
}

/** The x where `block` ends (its right edge); inside a merged rectangle, in proportion to the blocks it holds. */
export function blockEndX(layout: ChainLayout, block: number): number {
  const rect = layout.rects.find((r) => r.firstBlock <= block && block <= r.lastBlock);
  if (!rect) return block < 0 ? 0 : (layout.rects[layout.rects.length - 1]?.x ?? 0) + (layout.rects[layout.rects.length - 1]?.width ?? 0);
  return rect.x + (rect.width * (block - rect.firstBlock + 1)) / (rect.lastBlock - rect.firstBlock + 1);
}
