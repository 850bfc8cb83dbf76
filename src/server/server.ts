/**
 * The lab server: one Node HTTP server that serves the built page and, on /session, the session service
 * (docs/design.md, "Session service"). Node only: neither the pure core nor the page imports it.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { errors } from '../errors';
import type { SessionLimits } from './limits';
import { SessionRegistry } from './registry';
import { staticFiles } from './static-files';
import { attachSessionService } from './ws-wiring';

export interface LabServerOptions {
  /** Address to bind: '0.0.0.0' (every IPv4 interface), '::', or one address such as 127.0.0.1. */
  host: string;
  /** 0 takes any free port. */
  port: number;
  /** The folder with the built page (index.html at its top). */
  distDir: string;
  limits?: Partial<SessionLimits>;
  /** Pre-create one session that stays while the server runs; `code` pins its code (else a fresh random one). */
  defaultSession?: { code?: string } | false;
}

export interface LabServer {
  host: string;
  port: number;
  registry: SessionRegistry;
  defaultSession: { code: string; hostToken: string } | null;
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const registry = new SessionRegistry({ limits: options.limits, now: () => performance.now(), randomBytes: (n) => randomBytes(n) });
  const defaultSession = options.defaultSession === false ? null : registry.createSession({ persistent: true, code: options.defaultSession?.code });
  const server = createServer(staticFiles(options.distDir));
  const service = attachSessionService(server, registry);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        errors.listenFailed(
          `${options.host}:${options.port}`,
          error.code === 'EADDRINUSE' ? 'the port is in use' : error.code === 'EADDRNOTAVAIL' ? 'this machine has no such address' : error.message,
        ),
      );
    });
    server.listen({ host: options.host, port: options.port }, () => resolve());
  }).catch(async (error) => {
    await service.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  return {
    host: options.host,
    port: address.port,
    registry,
    defaultSession,
    async close() {
      await service.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
