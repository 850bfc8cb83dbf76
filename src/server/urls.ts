/** Where the lab server answers: its base URL and this machine's addresses (the links themselves: src/session/join-url.ts). */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Pins the code of `seifer-lab serve`'s default session; deploy --kubernetes sets it from a Secret so node pods know it. */
export const SESSION_CODE_ENV = 'SEIFER_SESSION_CODE';

export function httpBase(address: string, port: number): string {
  return `http://${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
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
