/**
 * A stage's deploy size: the bytes of the weights its blocks use, plus STAGE_GRAPH_BYTES for the graph itself.
 * It is the one figure every mode uses for the time a deployment takes on the emulated links (virtual and real,
 * page and CLI). See docs/design.md, "Deploy size".
 */

/** What a stage model adds to its weights (nodes, names, shapes): a few KB for the zoo's stages. */
export const STAGE_GRAPH_BYTES = 4096;

/** deployBytes(first, last) over blocks whose weights are `weightBytes[b]`. */
export function deployBytesOf(weightBytes: readonly number[]): (firstBlock: number, lastBlock: number) => number {
  const prefix = new Float64Array(weightBytes.length + 1);
  weightBytes.forEach((bytes, b) => (prefix[b + 1] = prefix[b] + bytes));
  return (firstBlock, lastBlock) => {
    if (!(Number.isInteger(firstBlock) && Number.isInteger(lastBlock) && firstBlock >= 0 && lastBlock < weightBytes.length && firstBlock <= lastBlock)) {
      throw new RangeError(`blocks ${firstBlock}..${lastBlock} are not a range of the ${weightBytes.length} blocks`);
    }
    return prefix[lastBlock + 1] - prefix[firstBlock] + STAGE_GRAPH_BYTES;
  };
}
