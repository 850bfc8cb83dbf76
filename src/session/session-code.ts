/**
 * The written form of a session code: 80 bits as 16 Crockford base32 characters in groups of four
 * (`7QK2-M9XD-4HRT-0BWE`), short enough to type from a projector (docs/design.md, "Session service").
 * Pure: the page, a headless member and the server read codes the same way; only the server makes them.
 */
export const SESSION_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SESSION_CODE_BITS = 80;
const CODE_CHARS = SESSION_CODE_BITS / 5;

/**
 * The canonical form of a code as a person typed it (any case, dashes or spaces anywhere, O for 0, I or L for 1),
 * or null when it cannot be a session code.
 */
export function normalizeSessionCode(text: string): string | null {
  if (text.length > 40) return null;
  const chars = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== CODE_CHARS) return null;
  for (const c of chars) if (!SESSION_CODE_ALPHABET.includes(c)) return null;
  return groupSessionCode(chars);
}

/** 16 alphabet characters in groups of four. */
export function groupSessionCode(chars: string): string {
  return chars.match(/.{1,4}/g)!.join('-');
}
