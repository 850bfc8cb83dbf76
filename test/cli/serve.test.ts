/**
 * `seifer-lab serve` as a person runs it: a child process on 127.0.0.1 with --port 0, printing the URLs and a QR
 * code, serving the built page (building it first when dist/ is missing) and the session, and exiting 0 on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { parseJoinUrl } from '../../src/session/join-url';
import { runCli } from '../helpers/cli';
import { SessionClient } from '../helpers/session-client';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess | null = null;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

function waitFor(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`no ${what} within ${timeoutMs} ms`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

describe('seifer-lab serve', () => {
  test('on 127.0.0.1 --port 0: prints the URLs and a QR code, serves index.html and the session, exits 0 on SIGTERM', async () => {
    const proc = spawn(process.execPath, ['bin/seifer-lab.js', 'serve', '--host', '127.0.0.1', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (d) => (stdout += d));
    proc.stderr!.on('data', (d) => (stderr += d));
    // the first run in a fresh checkout builds the page (a few seconds here)
    await waitFor(() => stdout.includes('Ctrl-C stops the server.') || proc.exitCode !== null, 'announcement', 120_000);
    expect(proc.exitCode, stderr).toBeNull();

    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(stdout).toContain(`lab:   http://127.0.0.1:${port}/`);
    const join = /join: {2}(\S+)/.exec(stdout)?.[1] ?? '';
    const parsed = parseJoinUrl(join);
    expect(parsed).toEqual({ sessionUrl: `ws://127.0.0.1:${port}/session`, code: expect.stringMatching(/^(\w{4}-){3}\w{4}$/) });
    expect(stdout).toContain(`session code: ${parsed!.code}`);
    expect(stdout).toMatch(/#session=[\w-]+&host=[\w-]{22}/);
    expect(stdout.split('\n').filter((line) => line.includes('█')).length).toBeGreaterThan(10);

    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(`${root}dist/index.html`, 'utf8'));

    const member = await SessionClient.connect(parsed!.sessionUrl);
    member.send({ type: 'join', session: parsed!.code, label: 'test' });
    expect(await member.next('welcome')).toMatchObject({ role: 'member', you: 'm1', hostConnected: false });

    proc.kill('SIGTERM');
    await waitFor(() => proc.exitCode !== null, 'exit', 10_000);
    expect(proc.exitCode).toBe(0);
    expect((await member.closedWithin()).code).toBe(1001);
  });

  test('refuses a bad --port, a bad --host and a malformed session code with a clear message', async () => {
    const port = await runCli('serve', '--port', '70000');
    expect(port.code).toBe(1);
    expect(port.stderr).toContain("Option --port has the value '70000', expected an integer >= 0 <= 65535");
    const host = await runCli('serve', '--host', 'my laptop');
    expect(host.code).toBe(1);
    expect(host.stderr).toContain("Option --host has the value 'my laptop', expected an IP address of this machine");
    const extra = await runCli('serve', 'now');
    expect(extra.stderr).toContain("serve takes no arguments, got 'now'");
    process.env.SEIFER_SESSION_CODE = 'guessable';
    try {
      const code = await runCli('serve', '--host', '127.0.0.1', '--port', '0');
      expect(code.code).toBe(1);
      expect(code.stderr).toContain("Option SEIFER_SESSION_CODE has the value 'guessable', expected 16 characters of Crockford base32");
    } finally {
      delete process.env.SEIFER_SESSION_CODE;
    }
  });

  test('a port in use is a clear error, not a stack trace', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli('serve', '--host', '127.0.0.1', '--port', String(taken));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Cannot listen on 127.0.0.1:${taken}: the port is in use`);
    } finally {
      blocker.close();
    }
  });
});
