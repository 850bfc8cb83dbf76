/**
 * Planning on groups of consecutive blocks, for two reasons: a very long chain (thousands of cut points) is planned
 * on at most MAX_PLAN_BLOCKS groups, so plan time stays bounded whatever the model; and SEIFER's baselines, which cut
 * only where a single tensor crosses, see the blocks between two such cuts as one. A group's memory and FLOPs are
 * its blocks' sums, exactly what a stage holding those blocks costs, so a plan on groups has the same costs once
 * mapped back to blocks. Where a long chain is cut is chosen, not fixed: each group ends at the smallest transfer
 * within a window, so the cuts kept are the ones a good plan would use.
 */
import type { Chain } from './instance';
import type { Plan, Profile, ProfileBlock } from './types';

/** More blocks than this are planned in groups (the search's work grows with blocks x nodes x stage length). */
export const MAX_PLAN_BLOCKS = 200;

export interface Grouping {
  profile: Profile;
  /** groups[g] = [first, last] block of group g (inclusive). */
  groups: [number, number][];
}

export interface GroupOptions {
  /** At most this many groups (plus one per must-cut). */
  maxGroups?: number;
  /** Whether a group may end after block b (default: anywhere). The last block always ends one. */
  canCut?: (block: number) => boolean;
  /** Blocks after which a group must end (replanning keeps the old plan's cuts available). */
  mustCut?: ReadonlySet<number>;
  /** A group ends before its memory would pass this (so stages can still be packed from groups). */
  maxGroupBytes?: number;
}

/** Where groups end (last block of each), honouring the options; every block is its own group when it can be. */
export function groupEnds(profile: Profile, options: GroupOptions = {}): number[] {
  const { maxGroups = MAX_PLAN_BLOCKS, canCut = () => true, mustCut = new Set<number>(), maxGroupBytes = Infinity } = options;
  if (!Number.isInteger(maxGroups) || maxGroups < 1) throw new RangeError(`'maxGroups' must be an integer >= 1, got ${maxGroups}`);
  const B = profile.blocks.length;
  const allowed = (b: number) => b === B - 1 || mustCut.has(b) || canCut(b);
  const ends: number[] = [];
  for (let start = 0; start < B;) {
    // each group takes at least its fair share of what is left, so there are at most maxGroups of them
    const fair = Math.ceil((B - start) / Math.max(1, maxGroups - ends.length));
    const lo = Math.min(B - 1, start + fair - 1);
    const hi = Math.min(B - 1, start + Math.ceil(fair * 1.5) - 1);
    let end = -1;
    let best = -1; // the smallest transfer in [lo, hi] so far
    let lastAllowed = -1;
    for (let b = start, bytes = 0; b <= hi; b++) {
      bytes += profile.blocks[b].memoryBytes;
      if (b > start && bytes > maxGroupBytes && lastAllowed >= 0) {
        end = best >= 0 ? best : lastAllowed;
        break;
      }
      if (mustCut.has(b)) {
        end = b;
        break;
      }
      if (!allowed(b)) continue;
      lastAllowed = b;
      if (b >= lo && (best < 0 || profile.blocks[b].outBytes <= profile.blocks[best].outBytes)) best = b;
    }
    if (end < 0) end = best;
    if (end < 0) for (end = hi + 1; !allowed(end); end++); // no cut allowed in the window: the next one
    ends.push(end);
    start = end + 1;
  }
  return ends;
}

/** The profile of the groups ending at `ends`. */
export function groupProfile(profile: Profile, ends: readonly number[]): Grouping {
  const groups: [number, number][] = ends.map((last, g) => [g === 0 ? 0 : ends[g - 1] + 1, last]);
  if (groups.every(([first, last], g) => first === g && last === g)) return { profile, groups };
  const blocks = groups.map(([first, last]): ProfileBlock => {
    const part = profile.blocks.slice(first, last + 1);
    const tail = part[part.length - 1];
    const block: ProfileBlock = {
      name: first === last ? tail.name : `${part[0].name} .. ${tail.name}`,
      memoryBytes: part.reduce((sum, b) => sum + b.memoryBytes, 0),
      flops: part.reduce((sum, b) => sum + b.flops, 0),
      outBytes: tail.outBytes,
    };
    if (tail.outTensors !== undefined) block.outTensors = tail.outTensors;
    return block;
  });
  return { profile: { ...profile, blocks }, groups };
}

/**
 * Long chains in at most about maxBlocks groups (the profile itself when it is short enough). The must-cuts are
 * added to the groups plan() would choose, so a plan made on those groups can still be expressed.
 */
export function coarseProfile(profile: Profile, maxBlocks = MAX_PLAN_BLOCKS, options: Pick<GroupOptions, 'mustCut' | 'maxGroupBytes'> = {}): Grouping {
  if (profile.blocks.length <= maxBlocks)
    return groupProfile(
      profile,
      profile.blocks.map((_, i) => i),
    );
  const ends = new Set(groupEnds(profile, { maxGroups: maxBlocks, maxGroupBytes: options.maxGroupBytes }));
  for (const b of options.mustCut ?? []) if (Number.isInteger(b) && b >= 0 && b < profile.blocks.length) ends.add(b);
  return groupProfile(
    profile,
    [...ends].sort((a, b) => a - b),
  );
}

/** Whether one tensor (or an unknown number, counted as one) crosses the cut after block b. */
function singleTensorCut(profile: Profile, b: number): boolean {
  return (profile.blocks[b].outTensors ?? 1) <= 1;
}

/** The groups SEIFER's baselines plan on: the blocks between single-tensor cuts, then at most maxBlocks of them. */
export function singleTensorProfile(profile: Profile, maxBlocks = MAX_PLAN_BLOCKS): Grouping {
  const canCut = (b: number) => singleTensorCut(profile, b);
  const B = profile.blocks.length;
  let cuts = 1;
  for (let b = 0; b + 1 < B; b++) if (canCut(b)) cuts++;
  const ends = cuts <= maxBlocks ? profile.blocks.map((_, b) => b).filter((b) => b === B - 1 || canCut(b)) : groupEnds(profile, { maxGroups: maxBlocks, canCut });
  return groupProfile(profile, ends);
}

/** A chain on groups in block numbers. */
export function toBlockChain(chain: Chain, groups: readonly [number, number][]): Chain {
  return { nodes: chain.nodes, lastBlocks: chain.lastBlocks.map((g) => groups[g][1]) };
}

/** A plan (or plan report) on groups in block numbers: the stages cover the same blocks, so costs are unchanged. */
export function toBlockPlan<P extends Plan>(plan: P, groups: readonly [number, number][]): P {
  if (groups.every(([first, last], g) => first === g && last === g)) return plan;
  return { ...plan, stages: plan.stages.map((s) => ({ ...s, firstBlock: groups[s.firstBlock][0], lastBlock: groups[s.lastBlock][1] })) };
}
