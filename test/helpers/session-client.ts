/** A real `ws` client for the session service tests: it records every message, frame and the close, with timeouts. */
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../src/session/messages';
import { startLabServer, type LabServer, type LabServerOptions } from '../../src/server/server';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Received = ServerMessage & Record<string, unknown>;

export class SessionClient {
  readonly messages: Received[] = [];
  readonly frames: Uint8Array[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) this.frames.push(new Uint8Array(data as Buffer));
      else this.messages.push(JSON.parse(String(data)));
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        resolve({ code, reason: String(reason) });
        this.wake();
      }),
    );
    ws.on('error', () => undefined);
  }

  static async connect(url: string): Promise<SessionClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new SessionClient(ws);
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The first message (past or future) of `type` matching `match`; fails after `timeoutMs`. */
  async next<T extends Received['type']>(type: T, match: (m: Extract<Received, { type: T }>) => boolean = () => true, timeoutMs = 5000): Promise<Extract<Received, { type: T }>> {
    const found = () => this.messages.find((m) => m.type === type && match(m as Extract<Received, { type: T }>)) as Extract<Received, { type: T }> | undefined;
    await this.until(() => found() !== undefined, `a '${type}' message`, timeoutMs);
    return found()!;
  }

  async closedWithin(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`connection still open after ${timeoutMs} ms`)), timeoutMs)));
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; received ${this.messages.length} message(s), the last ${JSON.stringify(this.messages.slice(-8).map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** A server on 127.0.0.1, any free port, serving a one-file page from a temporary folder. */
export async function startTestServer(options: Partial<LabServerOptions> = {}): Promise<LabServer & { sessionUrl: string; httpUrl: string }> {
  const distDir = mkdtempSync(join(tmpdir(), 'seifer-dist-'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>seifer-lab test page</title>');
  const server = await startLabServer({ host: '127.0.0.1', port: 0, distDir, ...options });
  return { ...server, close: () => server.close(), sessionUrl: `ws://127.0.0.1:${server.port}/session`, httpUrl: `http://127.0.0.1:${server.port}` };
}

/** A host connected to the server's default session and `count` members joined to it. */
export async function hostWithMembers(server: LabServer & { sessionUrl: string }, count: number): Promise<{ host: SessionClient; members: SessionClient[] }> {
  const { code, hostToken } = server.defaultSession!;
  const host = await SessionClient.connect(server.sessionUrl);
  host.send({ type: 'host', session: code, token: hostToken });
  await host.next('welcome');
  const members: SessionClient[] = [];
  for (let i = 0; i < count; i++) members.push(await joinSession(server, code));
  return { host, members };
}

export async function joinSession(server: { sessionUrl: string }, code: string, extra: Record<string, unknown> = {}): Promise<SessionClient> {
  const member = await SessionClient.connect(server.sessionUrl);
  member.send({ type: 'join', session: code, ...extra });
  await member.next('welcome');
  return member;
}

export function idOf(client: SessionClient): string {
  const welcome = client.messages.find((m) => m.type === 'welcome' || m.type === 'attached') as { you: string } | undefined;
  if (!welcome) throw new Error('not welcomed');
  return welcome.you;
}

/** Host and member still exchange node messages both ways, each stamped with the sender's id. */
let exchanges = 0;
export async function expectExchange(host: SessionClient, member: SessionClient): Promise<void> {
  const id = idOf(member);
  const nonce = `exchange-${++exchanges}`;
  host.send({ type: 'node', to: id, body: { ping: nonce } });
  await member.next('node', (m) => m.from === 'host' && (m.body as { ping?: string }).ping === nonce);
  member.send({ type: 'node', to: 'host', body: { pong: nonce } });
  await host.next('node', (m) => m.from === id && (m.body as { pong?: string }).pong === nonce);
}
