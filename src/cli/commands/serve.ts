/**
 * `seifer-lab serve`: the lab page and the session service on one port (docs/design.md, "Session service").
 * It binds every IPv4 interface by default, because a class's phones must reach it over the LAN; it prints the
 * addresses it answers on, the lab, host and join URLs, and a QR code of the join URL. Runs until SIGINT/SIGTERM.
 */
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { errors } from '../../errors';
import { ensurePage } from '../../server/build-page';
import { hostUrl, joinUrl } from '../../session/join-url';
import { normalizeSessionCode } from '../../session/session-code';
import { startLabServer } from '../../server/server';
import { httpBase, listeningAddresses, SESSION_CODE_ENV } from '../../server/urls';
import { numberOption, parseCommandArgs, stringOption } from '../args';
import type { CliIO, Command } from '../command';

const usage = 'seifer-lab serve [--port 8080] [--host 0.0.0.0]';
const options = { port: { type: 'string' }, host: { type: 'string' } } as const;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the lab page and a session that phones, laptops and seifer-lab node processes join (prints a QR code).',
  usage,
  async run(argv, io) {
    const args = parseCommandArgs(argv, options, usage);
    if (args.positionals.length > 0) throw errors.badArguments(`serve takes no arguments, got '${args.positionals.join(' ')}'`, usage);
    const port = numberOption(args, 'port', 8080, { min: 0, max: 65535, integer: true });
    const host = stringOption(args, 'host') ?? '0.0.0.0';
    if (host !== 'localhost' && isIP(host) === 0) throw errors.badOption('--host', host, 'an IP address of this machine: 0.0.0.0 (every interface), 127.0.0.1 (this machine only) or a LAN address');
    const codeText = process.env[SESSION_CODE_ENV];
    const code = codeText === undefined || codeText === '' ? undefined : normalizeSessionCode(codeText);
    if (code === null) throw errors.badOption(SESSION_CODE_ENV, codeText!.slice(0, 40), '16 characters of Crockford base32 like 7QK2-M9XD-4HRT-0BWE, or unset for a fresh code');

    await ensurePage(root, io);
    const server = await startLabServer({ host, port, distDir: join(root, 'dist'), defaultSession: { code } });
    await announce(server.port, host, server.defaultSession!, io);
    const signal = await untilStopped();
    io.err(`seifer-lab serve: ${signal}, closing the sessions and stopping.`);
    await server.close();
    return 0;
  },
};

async function announce(port: number, host: string, session: { code: string; hostToken: string }, io: CliIO): Promise<void> {
  const addresses = listeningAddresses(host);
  const wildcard = host === '0.0.0.0' || host === '::';
  const reachable = httpBase(addresses[0] ?? '127.0.0.1', port);
  const local = httpBase(wildcard ? '127.0.0.1' : host, port);
  const join = joinUrl(reachable, session.code);
  io.out(
    [
      `listening on ${httpBase(host, port).slice('http://'.length)}${wildcard ? ` (every interface): ${addresses.join(', ')}` : ''}`,
      `lab:   ${reachable}/`,
      `host:  ${hostUrl(local, session.code, session.hostToken)}`,
      '       (whoever opens the host link runs the session: keep it to yourself)',
      `join:  ${join}`,
      `session code: ${session.code}`,
      '',
      await QRCode.toString(join, { type: 'utf8', errorCorrectionLevel: 'L' }),
      'Ctrl-C stops the server.',
    ].join('\n'),
  );
  if (wildcard && addresses.every((a) => a === '127.0.0.1' || a === '::1')) io.err('seifer-lab serve: this machine has no LAN address; only this machine can join.');
}

function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
