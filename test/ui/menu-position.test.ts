import { describe, expect, it } from 'vitest';
import { placeMenu } from '../../src/ui/layout/menu-position';

describe('placeMenu(target, menu, view)', () => {
  const menu = { w: 200, h: 100 };
  it('puts the menu right of its target, centred on it, when there is room', () => {
    expect(placeMenu({ x: 100, y: 200, w: 50, h: 40 }, menu, { w: 800, h: 500 })).toEqual({ x: 158, y: 170 });
  });

  it('goes left of a target at the right edge, and below one too tall to flank', () => {
    expect(placeMenu({ x: 700, y: 200, w: 50, h: 40 }, menu, { w: 800, h: 500 })).toEqual({ x: 492, y: 170 });
    expect(placeMenu({ x: 150, y: 20, w: 100, h: 40 }, menu, { w: 390, h: 400 })).toEqual({ x: 100, y: 68 });
  });

  it('stays inside a view too small for any side (a phone)', () => {
    const at = placeMenu({ x: 10, y: 10, w: 370, h: 380 }, menu, { w: 390, h: 400 });
    expect(at.x).toBeGreaterThanOrEqual(0);
    expect(at.x + menu.w).toBeLessThanOrEqual(390);
    expect(at.y + menu.h).toBeLessThanOrEqual(400);
  });
});
