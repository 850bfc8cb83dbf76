import { describe, expect, it } from 'vitest';
import { CARD_TEXT_PX, cardDrawing, estimateText, fitText, type CardText } from '../../src/ui/layout/card-layout';

const content = { id: 'n12', device: 'Jetson Nano', badge: '', stage: 'stage 2 · 20-35', memory: 'mem 2.1 MB / 512 MB', busy: 'busy 38 %', memoryShare: 0.1, busyShare: 0.38 };

/** A text's box as the browser would draw it (ascent 0.93 em above the baseline, descent 0.24 em below). */
function box(t: CardText) {
  const x = t.anchor === 'start' ? t.x : t.x - t.width;
  return { x, y: t.y - 0.93 * t.fontPx, w: t.width, h: 1.17 * t.fontPx };
}

const meet = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('cardDrawing(size, content, measure)', () => {
  for (const size of ['full', 'compact'] as const) {
    it(`keeps every text of a ${size} card inside it, apart from the others, and at least ${CARD_TEXT_PX} px`, () => {
      for (const c of [content, { ...content, id: 'a-very-long-node-name-24', badge: 'down (detecting)' }]) {
        const card = cardDrawing(size, c, estimateText);
        const boxes = card.texts.map(box);
        for (const [i, b] of boxes.entries()) {
          expect(b.x >= 0 && b.x + b.w <= card.w && b.y >= 0 && b.y + b.h <= card.h).toBe(true);
          expect(boxes.slice(i + 1).some((o) => meet(b, o))).toBe(false);
          expect(card.texts[i].fontPx).toBeGreaterThanOrEqual(CARD_TEXT_PX);
        }
        for (const bar of card.bars) expect(boxes.some((b) => b.y < bar.y + bar.height && bar.y < b.y + b.h)).toBe(false);
      }
    });
  }

  it('shows a state badge instead of the device, and cuts what does not fit with an ellipsis', () => {
    const card = cardDrawing('compact', { ...content, id: 'a-very-long-node-name-24', badge: 'down' }, estimateText);
    expect(card.texts.map((t) => t.role)).toEqual(['id', 'badge', 'stage']);
    expect(card.texts[0].text.endsWith('…')).toBe(true);
  });
});

describe('fitText(text, maxPx, width)', () => {
  const width = (t: string) => t.length * 10;
  it('keeps a text that fits, cuts one that does not, and gives up below one character', () => {
    expect(fitText('abc', 30, width)).toBe('abc');
    expect(fitText('abcdef', 40, width)).toBe('abc…');
    expect(fitText('abcdef', 15, width)).toBe('');
  });
});
