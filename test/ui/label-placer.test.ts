import { describe, expect, it } from 'vitest';
import { around, placeLabels } from '../../src/ui/layout/label-placer';
import { overlaps, type Rect } from '../../src/ui/layout/rects';
import { createRng } from '../../src/util/rng';

const bounds = { x: 0, y: 0, w: 400, h: 300 };

describe('placeLabels(requests, obstacles, bounds)', () => {
  it('takes the first free candidate, skipping ones on an obstacle or outside the bounds', () => {
    const card = { x: 100, y: 100, w: 60, h: 40 };
    const [label] = placeLabels(
      [
        {
          w: 40,
          h: 16,
          priority: 1,
          candidates: [
            [130, 120],
            [-5, 10],
            [200, 120],
          ],
        },
      ],
      [card],
      bounds,
    );
    expect(label).toEqual({ x: 180, y: 112, w: 40, h: 16, candidate: 2 });
  });

  it('places the higher priority first and leaves out a label with no free candidate', () => {
    const spot: [number, number] = [200, 150];
    const placed = placeLabels(
      [
        { w: 50, h: 16, priority: 1, candidates: [spot] },
        { w: 50, h: 16, priority: 9, candidates: [spot] },
      ],
      [],
      bounds,
    );
    expect(placed[0]).toBeNull();
    expect(placed[1]?.candidate).toBe(0);
  });

  it('never lets two labels or a label and an obstacle meet, on random crowded scenes (seeded)', () => {
    const rng = createRng(7);
    let dropped = 0;
    let kept = 0;
    for (let scene = 0; scene < 40; scene++) {
      const obstacles: Rect[] = Array.from({ length: 25 }, () => ({ x: rng() * 380, y: rng() * 280, w: 10 + rng() * 40, h: 10 + rng() * 30 }));
      const requests = Array.from({ length: 20 }, () => {
        const box = { x: rng() * 360, y: rng() * 260, w: 20, h: 20 };
        return { w: 30 + rng() * 50, h: 16, priority: Math.floor(rng() * 3), candidates: around(box, 60, 16, 4, 2) };
      });
      const placed = placeLabels(requests, obstacles, bounds);
      const rects = placed.filter((p): p is NonNullable<typeof p> => p !== null);
      dropped += placed.length - rects.length;
      kept += rects.length;
      for (const [i, a] of rects.entries()) {
        expect(obstacles.some((o) => overlaps(a, o))).toBe(false);
        expect(rects.slice(i + 1).some((b) => overlaps(a, b))).toBe(false);
        expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= 400 && a.y + a.h <= 300).toBe(true);
      }
    }
    // the interesting cases happened: crowded scenes left some labels out and still placed most
    expect(dropped).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(dropped);
  });
});

describe('around(box, w, h, gap, rings)', () => {
  it('offers right, left, below, above and the corners, ring after ring', () => {
    const candidates = around({ x: 0, y: 0, w: 100, h: 50 }, 40, 10, 4, 2);
    expect(candidates).toHaveLength(16);
    expect(candidates.slice(0, 4)).toEqual([
      [124, 25],
      [-24, 25],
      [50, 59],
      [50, -9],
    ]);
    expect(candidates[8]).toEqual([138, 25]);
  });
});
