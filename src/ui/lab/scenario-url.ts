/**
 * The whole scenario in the page's URL hash. Small scenarios stay readable and editable by hand:
 * #model=ppocr-cls&algo=best&obj=full&seed=1&ts=1&mode=real&chaos=0&load=closed
 *  &nodes=n1:esp32-s3:8:0.12[:radioMbps],...&pos=x:y,...&bw=paper&lat=2.5&jit=1&loss=0
 * Big ones travel deflated, '#z=<base64url>', so that a 1,000-node scenario fits in a link. The fields are the
 * table in scenario-fields.ts (shared with scenario files). Parsing is defensive: size limits, a fixed grammar,
 * every number range-checked, data from the URL only ever shown as text. A bad field is left out and reported;
 * only a link that cannot be read at all (too long, damaged) falls back to the base scenario. '#lesson=<id>' opens a
 * ready lesson (lessons.ts), its other fields applied over it.
 */
import { describeError, errors, SeiferError } from '../../errors';
import { inflateFromBase64url, deflateToBase64url } from './link-compression';
import { lessonScenario } from './lessons';
import { readScenarioFields, writeScenarioFields } from './scenario-fields';
import type { LabScenario } from './scenario-spec';

/** Longest hash the page reads (a deflated 1,000-node scenario takes a few tens of KB). */
export const MAX_HASH_CHARS = 100_000;
/** Longest text a deflated link may expand to (four full 1,000-node matrices). */
export const MAX_INFLATED_BYTES = 48 * 2 ** 20;
/** Links up to this long stay readable; longer ones are deflated. */
export const READABLE_CHARS = 2_000;
const COMPRESSED = 'z=';

export type ParsedScenario = { ok: true; scenario: LabScenario; fromLink: boolean; dropped: SeiferError[] } | { ok: false; error: SeiferError };

/** The readable form: key=value pairs of every field. */
export function scenarioToHash(s: LabScenario): string {
  const params = new URLSearchParams(writeScenarioFields(s));
  // keep ':' ',' ';' readable: they are legal in a fragment
  return params.toString().replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%3B/g, ';');
}

/** The hash to share (without '#'): readable when short, else deflated. */
export async function scenarioToLink(s: LabScenario): Promise<string> {
  const readable = scenarioToHash(s);
  if (readable.length <= READABLE_CHARS) return readable;
  return `${COMPRESSED}${await deflateToBase64url(readable)}`;
}

/** Reads a readable hash ('#...' or '...'); missing fields come from `base`. An empty hash is `base` itself. */
export function scenarioFromHash(hash: string, base: LabScenario): ParsedScenario {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.trim() === '') return { ok: true, scenario: base, fromLink: false, dropped: [] };
  if (text.length > MAX_HASH_CHARS) return { ok: false, error: errors.badScenarioLink('link', `${text.length} characters`, `at most ${MAX_HASH_CHARS} characters`) };
  if (text.startsWith(COMPRESSED)) return { ok: false, error: errors.badScenarioLink('link', text, 'a readable link here (deflated links are read by readScenarioLink)') };
  return fromQuery(text, base);
}

/** Reads any link the page made: readable or deflated. */
export async function readScenarioLink(hash: string, base: LabScenario): Promise<ParsedScenario> {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith(COMPRESSED) || text.length > MAX_HASH_CHARS) return scenarioFromHash(text, base);
  let inflated: string;
  try {
    inflated = await inflateFromBase64url(text.slice(COMPRESSED.length), MAX_INFLATED_BYTES);
  } catch (error) {
    return { ok: false, error: errors.badScenarioLink('link', `${text.slice(0, 20)}...`, `a link made by Share (${describeError(error)})`) };
  }
  if (inflated.startsWith(COMPRESSED)) return { ok: false, error: errors.badScenarioLink('link', inflated, 'one level of compression') };
  return fromQuery(inflated, base);
}

function fromQuery(text: string, base: LabScenario): ParsedScenario {
  const params = new URLSearchParams(text);
  // a lesson (lessons.ts) is a named scenario: the link's other fields apply over it
  const lessonId = params.get('lesson');
  const lesson = lessonId === null ? null : lessonScenario(lessonId, base);
  const { scenario, dropped } = readScenarioFields((key) => params.get(key) ?? undefined, lesson?.ok ? lesson.scenario : base);
  return { ok: true, scenario, fromLink: true, dropped: lesson && !lesson.ok ? [lesson.error, ...dropped] : dropped };
}

/** What the page says about the fields a link or file left out, or '' when none was. */
export function droppedNotice(dropped: readonly SeiferError[]): string {
  if (dropped.length === 0) return '';
  if (dropped.length === 1) return dropped[0].message;
  const what = dropped.map((e) => e.message.slice(0, e.message.length - e.hint.length).trim());
  return `${what.join(' ')} The page left these ${dropped.length} fields out and kept the rest; set them in the page and use Share or Save for a new copy.`;
}
