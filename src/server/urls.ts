/**
 * The URLs people and devices use (docs/design.md, "Session service"): the lab page, the host link of a session and
 * the join link members open. Session codes and tokens travel in the fragment (#...), which browsers never send to
 * a server, so they stay out of access logs and Referer headers.
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { normalizeSessionCode } from './codes';
import { SESSION_PATH } from './ws-wiring';

/** Pins the code of `seifer-lab serve`'s default session; deploy --kubernetes sets it from a Secret so node pods know it. */
export const SESSION_CODE_ENV = 'SEIFER_SESSION_CODE';

export function httpBase(address: string, port: number): string {
  return `http://${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
}

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

/** The addresses a server bound to `host` answers on, LAN addresses first (the ones phones can reach). */
export function listeningAddresses(host: string): string[] {
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard) return [host];
  const lan: string[] = [];
  const local: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (host === '0.0.0.0' && entry.family !== 'IPv4') continue;
      if (entry.family === 'IPv6' && entry.scopeid) continue; // link-local needs a zone id, which URLs handle badly
      (entry.internal ? local : lan).push(entry.address);
    }
  }
  return [...lan, ...local];
}
