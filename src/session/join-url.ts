/**
 * The links people and devices use (docs/design.md, "Session service"): the host link of a session and the join link
 * members open. Codes and tokens travel in the fragment (#...), which browsers never send to a server, so they stay
 * out of access logs and Referer headers. Pure: the page and a headless member parse them the same way.
 */
import { normalizeSessionCode } from './session-code';

/** The WebSocket path of the session service on the lab server. */
export const SESSION_PATH = '/session';

export function joinUrl(base: string, code: string): string {
  return `${base}/#join=${code}`;
}

/** Whoever opens this link hosts the session: print it only to the person who started the server. */
export function hostUrl(base: string, code: string, hostToken: string): string {
  return `${base}/#session=${code}&host=${hostToken}`;
}

/** The WebSocket URL and the session code in a join URL (for a headless member such as `seifer-lab node --join`). */
export function parseJoinUrl(text: string): { sessionUrl: string; code: string } | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const code = normalizeSessionCode(new URLSearchParams(url.hash.slice(1)).get('join') ?? '');
  if (code === null) return null;
  return { sessionUrl: `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}${SESSION_PATH}`, code };
}
