/**
 * Thin glue from real WebSockets (the `ws` library) to the session registry: upgrades only on /session, no
 * compression, ws's maxPayload as the hard size cap, a sweep every second and a protocol ping per connection
 * (a connection that misses one is dropped and its host told at once).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { closeReason } from '../session/close-codes';
import { SESSION_PATH } from '../session/join-url';
import { maxMessageBytes } from './limits';
import type { SessionRegistry } from './registry';

export interface SessionService {
  close(): Promise<void>;
}

export function attachSessionService(server: Server, registry: SessionRegistry): SessionService {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes(registry.limits), perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let path = '';
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      // answered below as not found
    }
    if (path !== SESSION_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wire(ws));
  };
  server.on('upgrade', onUpgrade);

  function wire(ws: WebSocket): void {
    alive.set(ws, true);
    const events = registry.connect({
      sendText: (text) => ws.send(text),
      sendBinary: (data) => ws.send(data, { binary: true }),
      bufferedBytes: () => ws.bufferedAmount,
      close: (code, reason) => ws.close(code, reason),
      terminate: () => ws.terminate(),
    });
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data: RawData, isBinary: boolean) => events.message(asBytes(data), isBinary));
    ws.on('close', () => events.closed());
    // ws has already started closing (1009 over maxPayload, 1002/1007 for broken frames); 'close' follows.
    ws.on('error', () => undefined);
  }

  const sweep = setInterval(() => registry.sweep(), 1000);
  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, registry.limits.pingIntervalMs);
  sweep.unref();
  ping.unref();

  return {
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        clearInterval(ping);
        server.off('upgrade', onUpgrade);
        for (const ws of wss.clients) ws.close(1001, closeReason('sessionEnded', 'the server is shutting down'));
        const deadline = setTimeout(() => wss.clients.forEach((ws) => ws.terminate()), 1000);
        wss.close(() => {
          clearTimeout(deadline);
          resolve();
        });
      }),
  };
}

function asBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
