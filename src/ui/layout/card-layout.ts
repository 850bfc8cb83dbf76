/**
 * What a node card shows and where: its lines of text at fixed baselines and sizes, each cut to the width it has,
 * so no two texts of a card touch and none leaves the card. Text is never smaller than CARD_TEXT_PX, which Large
 * mode (x1.5) turns into 16.5 px on a projector.
 */
import { CARD } from './cluster-layout';

/** Width of `text` in pixels at `fontPx` (bold or not): measured by the view, estimated in tests. */
export type MeasureText = (text: string, fontPx: number, bold: boolean) => number;

export const CARD_TITLE_PX = 13;
export const CARD_TEXT_PX = 11;
const LEFT = 12;
const RIGHT = 6;
const SPACE = 6;

export interface CardText {
  /** A class for the view's styles: id, device, badge, stage, small. */
  role: 'id' | 'device' | 'badge' | 'stage' | 'small';
  text: string;
  /** Baseline start (anchor 'start') or end (anchor 'end'). */
  x: number;
  y: number;
  anchor: 'start' | 'end';
  fontPx: number;
  bold: boolean;
  /** Measured width of the (fitted) text. */
  width: number;
}

export interface CardBar {
  y: number;
  height: number;
  /** 0..1 */
  share: number;
  kind: 'memory' | 'busy';
}

export interface CardContent {
  id: string;
  device: string;
  /** A state in words ('down', 'slow CPU', ...): shown instead of the device when set. */
  badge: string;
  stage: string;
  memory: string;
  busy: string;
  memoryShare: number;
  busyShare: number;
}

export interface CardDrawing {
  w: number;
  h: number;
  texts: CardText[];
  bars: CardBar[];
}

export function cardDrawing(size: 'full' | 'compact', content: CardContent, measure: MeasureText): CardDrawing {
  const { w, h } = CARD[size];
  const texts: CardText[] = [];
  const line = (role: CardText['role'], text: string, y: number, maxPx: number, anchor: CardText['anchor'] = 'start', x = LEFT) => {
    const bold = role === 'id' || role === 'badge';
    const fontPx = role === 'id' ? CARD_TITLE_PX : CARD_TEXT_PX;
    const fitted = fitText(text, maxPx, (t) => measure(t, fontPx, bold));
    if (fitted) texts.push({ role, text: fitted, x, y, anchor, fontPx, bold, width: measure(fitted, fontPx, bold) });
  };
  const inner = w - LEFT - RIGHT;
  // line 1: the id and, right-aligned, the state badge (which the id gives way to) or else the device (which gives way to the id)
  if (content.badge) {
    const badge = Math.min(measure(content.badge, CARD_TEXT_PX, true), inner / 2);
    line('id', content.id, 16, inner - badge - 8 - SPACE);
    line('badge', content.badge, 16, inner - (texts[0]?.width ?? 0) - 8 - SPACE, 'end', w - RIGHT - 4);
  } else {
    line('id', content.id, 16, inner);
    line('device', content.device, 16, inner - (texts[0]?.width ?? 0) - SPACE, 'end', w - RIGHT);
  }
  line('stage', content.stage, 32, inner);
  const bars: CardBar[] = [];
  if (size === 'full') {
    line('small', content.memory, 49, inner);
    bars.push({ y: 53, height: 5, share: content.memoryShare, kind: 'memory' });
    line('small', content.busy, 71, inner);
    bars.push({ y: 75, height: 5, share: content.busyShare, kind: 'busy' });
  } else {
    bars.push({ y: 37, height: 4, share: content.busyShare, kind: 'busy' });
  }
  return { w, h, texts, bars };
}

/** `text`, or its longest prefix with an ellipsis that fits `maxPx`; '' when not even one character does. */
export function fitText(text: string, maxPx: number, width: (text: string) => number): string {
  if (width(text) <= maxPx) return text;
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (width(`${text.slice(0, mid)}…`) <= maxPx) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : '';
}

/** A width estimate where no canvas measures text (tests, the first frame): generous, never too short. */
export const estimateText: MeasureText = (text, fontPx, bold) => text.length * fontPx * (bold ? 0.68 : 0.62);
