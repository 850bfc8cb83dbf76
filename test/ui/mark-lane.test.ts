import { describe, expect, it } from 'vitest';
import { estimateText } from '../../src/ui/layout/card-layout';
import { markLane } from '../../src/ui/layout/mark-lane';
import { createRng } from '../../src/util/rng';

const options = { joinPx: 30, right: 400, fontPx: 10, measure: estimateText };

describe('markLane(marks, options)', () => {
  it('labels a lone mark with its own short label', () => {
    expect(markLane([{ x: 50, atSec: 4.5, label: 'kill n3', kind: 'fault' }], options)).toEqual([{ x: 50, kind: 'fault', count: 1, text: 'kill n3', tooltip: '4.5 s kill n3' }]);
  });

  it('joins a fault with the detection and replan that follow it, named after the fault', () => {
    const [group] = markLane(
      [
        { x: 52, atSec: 5.3, label: 'n3 down', kind: 'detect' },
        { x: 50, atSec: 4.5, label: 'kill n3', kind: 'fault' },
        { x: 60, atSec: 5.9, label: 'plan 2', kind: 'plan' },
      ],
      options,
    );
    expect(group).toMatchObject({ kind: 'fault', count: 3, text: 'kill n3 +2' });
    expect(group.tooltip).toBe('4.5 s kill n3\n5.3 s n3 down\n5.9 s plan 2');
  });

  it('aggregates chaos into a few groups whose labels never run into the next group (seeded)', () => {
    const rng = createRng(3);
    const marks = Array.from({ length: 80 }, (_, i) => ({ x: 40 + rng() * 340, atSec: i, label: `kill n${i % 9}`, kind: rng() < 0.6 ? 'fault' : 'detect' }));
    const groups = markLane(marks, options);
    expect(groups.length).toBeLessThan(14);
    expect(groups.reduce((s, g) => s + g.count, 0)).toBe(80);
    expect(groups.some((g) => /^\d+$/.test(g.text))).toBe(true);
    for (const [i, g] of groups.entries()) {
      const end = g.x + 8 + estimateText(g.text, 10, false);
      expect(end).toBeLessThanOrEqual((groups[i + 1]?.x ?? 400) - 4 + 1e-9);
      if (i > 0) expect(g.x - groups[i - 1].x).toBeGreaterThanOrEqual(0);
    }
  });

  it("says '3 faults' for close faults, with the events that came with them", () => {
    const at = (x: number, label: string, kind = 'fault') => ({ x, atSec: x / 10, label, kind });
    const groups = markLane([at(100, 'kill n1'), at(104, 'cut n2->n3'), at(106, 'n1 down', 'detect'), at(110, 'hang n4')], options);
    expect(groups.map((g) => g.text)).toEqual(['3 faults +1']);
  });

  it('shows only the count, or nothing, where the label does not fit', () => {
    const groups = markLane(
      [
        { x: 10, atSec: 1, label: 'kill n1', kind: 'fault' },
        { x: 12, atSec: 1.1, label: 'kill n2', kind: 'fault' },
        { x: 45, atSec: 2, label: 'cut n1->n2', kind: 'fault' },
        { x: 80, atSec: 3, label: 'restore n1->n2', kind: 'repair' },
      ],
      options,
    );
    expect(groups.map((g) => g.text)).toEqual(['2', '', 'restore n1->n2']);
  });
});
