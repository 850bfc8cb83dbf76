/** A minimal static file server that mounts a folder under a sub-path, like a static host would. */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { CONTENT_TYPES } from '../../src/server/static-files';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(folder: string, subPath: string): Promise<StaticServer> {
  const prefix = `/${subPath.replace(/^\/|\/$/g, '')}/`;
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('outside the mount point');
      return;
    }
    const relative = normalize(path.slice(prefix.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(folder, relative.endsWith('/') ? `${relative}index.html` : relative));
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(relative)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}${prefix}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
