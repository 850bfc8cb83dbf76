import { describe, expect, it } from 'vitest';
import { visibleWindow } from '../../src/ui/layout/virtual-list';

describe('visibleWindow(scrollTop, viewportHeight, rowHeight, count, overscan)', () => {
  it('renders the rows on screen plus a few either side', () => {
    expect(visibleWindow(0, 100, 20, 5000)).toEqual({ first: 0, end: 13, offsetTop: 0, totalHeight: 100_000 });
    expect(visibleWindow(2000, 100, 20, 5000, 2)).toEqual({ first: 98, end: 107, offsetTop: 1960, totalHeight: 100_000 });
  });

  it('stays inside the list at its end and for odd inputs', () => {
    expect(visibleWindow(99_990, 100, 20, 5000, 2)).toMatchObject({ end: 5000 });
    expect(visibleWindow(-50, -10, 20, 3)).toEqual({ first: 0, end: 3, offsetTop: 0, totalHeight: 60 });
    expect(() => visibleWindow(0, 100, 0, 3)).toThrow(RangeError);
  });
});
