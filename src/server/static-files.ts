/**
 * Serves the built page (dist/) over HTTP: GET and HEAD only, no path may leave the folder, and every answer carries
 * headers that keep the page from running code anyone else supplies (docs/design.md, "Session service").
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/** Content types by file extension, for everything the built page holds. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Scripts, workers and WebAssembly from this server only; no plugins, no framing, no inline script. Inline styles
 * stay allowed because Svelte sets style attributes. 'self' in connect-src covers the same host's ws:// (CSP 3).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': CONTENT_SECURITY_POLICY,
};

export function staticFiles(distDir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const root = resolve(distDir);
  return (req, res) => {
    void answer(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, COMMON_HEADERS).end('internal error');
      else res.destroy();
    });
  };
}

async function answer(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...COMMON_HEADERS, allow: 'GET, HEAD' }).end('only GET and HEAD');
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400, COMMON_HEADERS).end('bad path');
    return;
  }
  const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  if (path.includes('\0') || (file !== root && !file.startsWith(root + sep))) {
    res.writeHead(404, COMMON_HEADERS).end('not found');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, COMMON_HEADERS).end('not found');
    return;
  }
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    // Vite names assets by content hash, so they never change; index.html must be fetched fresh.
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
