/**
 * `seifer-lab node --join`: every way a join can go wrong ends in one clear sentence and exit code 1, never a stack
 * trace or a hang (a bad link, a wrong code, no server there, a bad name). Joining and leaving on SIGTERM are in
 * test/devices/real-devices.test.ts, with real node processes.
 */
import { createServer } from 'node:net';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli';
import { startTestServer } from '../helpers/session-client';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer | null = null;

afterAll(async () => {
  await server?.close();
});

/** A port nothing listens on (taken, then released). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('seifer-lab node --join', () => {
  test('no --join, a link that is no join link, and a name with control characters and a memory of 0 MiB are refused before connecting', async () => {
    const none = await runCli('node');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/--join/);
    const bad = await runCli('node', '--join', 'http://127.0.0.1:8080/');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a join link.*#join=CODE/);
    const ftp = await runCli('node', '--join', 'ftp://x/#join=7QK2-M9XD-4HRT-0BWE');
    expect(ftp.stderr).toMatch(/not a join link/);
    const name = await runCli('node', '--join', 'http://127.0.0.1:1/#join=7QK2-M9XD-4HRT-0BWE', '--name', 'pi\u0007');
    expect(name.code).toBe(1);
    expect(name.stderr).toMatch(/--name/);
    const memory = await runCli('node', '--join', 'http://127.0.0.1:1/#join=7QK2-M9XD-4HRT-0BWE', '--memory', '0');
    expect(memory.code).toBe(1);
    expect(memory.stderr).toMatch(/--memory/);
    for (const r of [none, bad, ftp, name, memory]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a wrong session code is refused by the server, and says so', async () => {
    server = await startTestServer();
    const result = await runCli('node', '--join', `${server.httpUrl}/#join=7QK2-M9XD-4HRT-0BWE`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/knows no session with this code/);
    expect(result.stderr).not.toMatch(/7QK2/); // the code stays out of logs
  });

  test('no server at the address: says it cannot reach it', async () => {
    const port = await freePort();
    const result = await runCli('node', '--join', `http://127.0.0.1:${port}/#join=7QK2-M9XD-4HRT-0BWE`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach the lab server at ws:\/\/127\.0\.0\.1:\d+\/session/);
  });
});
