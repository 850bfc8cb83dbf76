/**
 * The charts' lane of event marks (faults, detections, replans, repairs): marks closer than a few pixels are one
 * group, so chaos makes "5 faults" rather than a blob; each group has a short label where it fits and a tooltip
 * listing every event in it.
 */
import type { MeasureText } from './card-layout';

export interface LaneMark {
  x: number;
  atSec: number;
  label: string;
  kind: string;
}

export interface LaneGroup {
  x: number;
  /** The kind that colours it: its first fault's, else its first mark's. */
  kind: string;
  count: number;
  /** What the lane shows ('' when even the count does not fit before the next group). */
  text: string;
  /** Every event of the group, one per line: '12.3 s kill n3'. */
  tooltip: string;
}

export interface LaneOptions {
  /** Marks closer than this (pixels) join one group. */
  joinPx: number;
  /** Where the lane ends (pixels). */
  right: number;
  fontPx: number;
  measure: MeasureText;
}

/** Room the glyph takes before a group's text. */
export const GLYPH_PX = 8;

export function markLane(marks: readonly LaneMark[], options: LaneOptions): LaneGroup[] {
  const sorted = [...marks].sort((a, b) => a.x - b.x || a.atSec - b.atSec);
  const groups: LaneMark[][] = [];
  for (const mark of sorted) {
    const last = groups[groups.length - 1];
    if (last && mark.x - last[0].x < options.joinPx) last.push(mark);
    else groups.push([mark]);
  }
  return groups.map((members, i) => {
    const faults = members.filter((m) => m.kind === 'fault');
    const primary = faults[0] ?? members[0];
    const others = members.length - 1;
    const full = faults.length > 1 ? `${faults.length} faults${members.length > faults.length ? ` +${members.length - faults.length}` : ''}` : `${primary.label}${others > 0 ? ` +${others}` : ''}`;
    const x = members[0].x;
    const room = (i + 1 < groups.length ? groups[i + 1][0].x : options.right) - x - GLYPH_PX - 4;
    const fits = (text: string) => options.measure(text, options.fontPx, false) <= room;
    const text = fits(full) ? full : members.length > 1 && fits(String(members.length)) ? String(members.length) : '';
    return {
      x,
      kind: primary.kind,
      count: members.length,
      text,
      tooltip: members.map((m) => `${m.atSec.toFixed(1)} s ${m.label}`).join('\n'),
    };
  });
}
