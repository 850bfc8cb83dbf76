/** A Vite dev server on a free local port for browser tests (the same config as npm start). */
import { createServer, type ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startViteServer(): Promise<TestServer> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const server: ViteDevServer = await createServer({ root, configFile: `${root}/vite.config.ts`, logLevel: 'error', server: { port: 0, host: '127.0.0.1', strictPort: false } });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite did not report a port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
