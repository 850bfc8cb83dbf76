/**
 * `seifer-lab node --join URL [--name NAME] [--memory MiB]`: a headless member of a real-devices session (docs/design.md, "Real
 * devices"), for a device without a screen such as a Raspberry Pi. It runs the node protocol with onnxruntime-web in
 * a worker thread and moves tensors through the server relay, or, with --direct ADDRESS, over WebRTC data channels to
 * other members (node-datachannel; candidates on that address only) where they open. It prints what it is doing on stderr, and leaves the
 * session cleanly on SIGINT/SIGTERM (exit 0); a session that ends or a lost server ends it too (exit 0 or 1).
 */
import { isIP } from 'node:net';
import { availableParallelism, freemem, hostname } from 'node:os';
import { WebSocket } from 'ws';
import type { PeerConnectionFactory } from '../../devices/direct';
import { MemberClient } from '../../devices/member-client';
import type { MemberState, SocketLike, StageCompute } from '../../devices/types';
import { errors } from '../../errors';
import { label } from '../../session/json-checks';
import { spawnComputeThread } from '../../workers/spawn-compute';
import { numberOption, parseCommandArgs, stringOption } from '../args';
import type { Command } from '../command';

const usage = 'seifer-lab node --join http://ADDRESS:PORT/#join=CODE [--name NAME] [--memory MiB] [--direct ADDRESS]';
const options = { join: { type: 'string' }, name: { type: 'string' }, memory: { type: 'string' }, direct: { type: 'string' } } as const;

export const nodeCommand: Command = {
  name: 'node',
  summary: 'Join a lab session as a headless device (onnxruntime-web in a worker thread; tensors through the server relay, or direct with --direct).',
  usage,
  async run(argv, io) {
    const args = parseCommandArgs(argv, options, usage);
    if (args.positionals.length > 0) throw errors.badArguments(`node takes no arguments, got '${args.positionals.join(' ')}'`, usage);
    const link = stringOption(args, 'join');
    if (!link) throw errors.badArguments('node needs --join with the join link that `seifer-lab serve` printed', usage);
    const name = stringOption(args, 'name') ?? hostname();
    const direct = stringOption(args, 'direct');
    // what the device offers the lab (a Pi that keeps memory for other work); by default its free memory
    const memoryBytes = numberOption(args, 'memory', freemem() / 2 ** 20, { min: 1, max: 4096 * 1024 }) * 2 ** 20;
    if (direct !== undefined && isIP(direct) === 0)
      throw errors.badOption('--direct', direct.slice(0, 40), 'an IP address of this machine that the other members can reach (WebRTC candidates are gathered on it only)');
    if (label(64)(name, '--name') !== null) throw errors.badOption('--name', name.slice(0, 40), '1 to 64 characters of plain text (no control characters)');

    // the worker thread starts with the first stage or calibration, not for a join that fails
    let thread: StageCompute | null = null;
    const worker = () => (thread ??= spawnComputeThread(`seifer-lab node ${name}`));
    const compute: StageCompute = {
      load: (bytes, label) => worker().load(bytes, label),
      run: (handle, inputs) => worker().run(handle, inputs),
      release: (handle) => worker().release(handle),
      dispose: () => thread?.dispose(),
    };
    let client: MemberClient;
    try {
      client = await MemberClient.join(link, {
        name,
        compute,
        device: 'node',
        cores: availableParallelism(),
        memoryBytes,
        socket: (url) => new WebSocket(url, { perMessageDeflate: false }) as unknown as SocketLike,
        peerConnection: direct === undefined ? null : await directChannels(direct),
      });
    } catch (error) {
      compute.dispose();
      throw errors.joinFailed(link.replace(/#.*/, '#join=...'), error instanceof Error ? error.message : String(error));
    }
    io.err(`seifer-lab node: joined as ${client.state().nodeId} (${name}); waiting for the host. Ctrl-C leaves.`);
    const finished = new Promise<MemberState>((resolve) => {
      let last = '';
      client.onChange(() => {
        const state = client.state();
        const line = describe(state);
        if (line !== last) io.err(`seifer-lab node: ${line}`);
        last = line;
        if (state.status === 'left' || state.status === 'error') resolve(state);
      });
    });
    const stop = (signal: string) => {
      io.err(`seifer-lab node: ${signal}, leaving the session.`);
      client.leave();
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    const end = await finished;
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    return end.status === 'error' ? 1 : 0;
  },
};

/** WebRTC in Node (libdatachannel through node-datachannel), host candidates on `address` only. */
async function directChannels(address: string): Promise<PeerConnectionFactory> {
  const { RTCPeerConnection } = await import('node-datachannel/polyfill');
  return () => new RTCPeerConnection({ iceServers: [], bindAddress: address } as RTCConfiguration) as unknown as globalThis.RTCPeerConnection;
}

function describe(state: MemberState): string {
  switch (state.status) {
    case 'measuring':
      return 'the host is measuring this device';
    case 'serving':
      return state.stage ? `serving stage ${state.stage.index}: blocks ${state.stage.firstBlock}-${state.stage.lastBlock}` : 'serving';
    case 'left':
      return state.error ? `left the session: ${state.error}` : 'left the session';
    case 'error':
      return `stopped: ${state.error ?? 'unknown error'}`;
    default:
      return 'idle, waiting for the host';
  }
}
