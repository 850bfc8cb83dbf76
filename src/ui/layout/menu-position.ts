/** Where a pop-up menu goes next to what it acts on: beside it if there is room, else below or above, always inside the view. */
import { contains, type Rect } from './rects';

/** Top-left corner for a `menu`-sized box next to `target`, inside a `view`-sized area (all in the view's pixels). */
export function placeMenu(target: Rect, menu: { w: number; h: number }, view: { w: number; h: number }, gap = 8): { x: number; y: number } {
  const midY = target.y + target.h / 2 - menu.h / 2;
  const midX = target.x + target.w / 2 - menu.w / 2;
  const tries = [
    { x: target.x + target.w + gap, y: midY },
    { x: target.x - gap - menu.w, y: midY },
    { x: midX, y: target.y + target.h + gap },
    { x: midX, y: target.y - gap - menu.h },
  ];
  const area = { x: 0, y: 0, w: view.w, h: view.h };
  const clamped = tries.map((p) => ({ x: clamp(p.x, 0, view.w - menu.w), y: clamp(p.y, 0, view.h - menu.h) }));
  // the first side where the menu fits as it is; failing that, the first side once pushed inside the view
  const fits = tries.find((p) => contains(area, { ...p, ...menu }));
  return fits ?? clamped[0];
}

const clamp = (v: number, lo: number, hi: number) => (hi < lo ? lo : Math.min(hi, Math.max(lo, v)));
