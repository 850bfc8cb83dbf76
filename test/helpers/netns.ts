/**
 * Runs a driver script inside a fresh network namespace, so a WebRTC test's traffic never leaves this machine.
 *
 * Headless Chromium offers no loopback ICE candidates, so two of its pages can only open a data channel over a
 * real interface. The harness gives the driver its own namespace (`unshare --net`) with loopback up and a veth pair
 * holding one private address (NETNS_ADDRESS) and a default route that leads nowhere: Chromium offers a host
 * candidate on that address, and nothing inside can reach anything outside nor the reverse. It is also a PID
 * namespace whose first process is the driver: when the driver ends, or the harness kills it at its deadline, the
 * kernel ends every process it started (browsers, servers, `seifer-lab node`), so nothing outlives a test.
 *
 * A driver is a TypeScript file whose main is `driverMain` (netns-driver.ts); it gets its input as JSON and hands
 * back one JSON result. Needs root, `unshare` (util-linux) and `ip` (iproute2), which CI installs (.ci/run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ERROR_PREFIX, INPUT_ENV, NETNS_ADDRESS, RESULT_PREFIX } from './netns-driver';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Said on stderr once the namespace is set up: without it, the failure is the set-up's. */
const READY = '@@netns-ready';

const SETUP = [
  'set -e',
  'ip link set lo up',
  'ip link add v0 type veth peer name v1',
  `ip addr add ${NETNS_ADDRESS}/24 dev v0`,
  'ip link set v0 up',
  'ip link set v1 up',
  // a default route so Chromium treats v0 as a network it may gather candidates on; 10.213.0.2 is nobody
  'ip route add default via 10.213.0.2 dev v0',
  // IPv4 only: no link-local IPv6 candidates (they would stay inside too, but one address is easier to reason about)
  'sysctl -qw net.ipv6.conf.all.disable_ipv6=1 || true',
  `echo ${READY} >&2`,
].join('\n');

/** Why the harness cannot run here (not root, or a tool missing), with what to do; null when it can. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'the network-namespace tests need root (CI runs as root): run them as root, e.g. in a container';
  for (const [tool, pkg] of [
    ['unshare', 'util-linux'],
    ['ip', 'iproute2'],
  ]) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `the network-namespace tests need '${tool}': install it with "apt-get install -y ${pkg}" (.ci/run does)`;
  }
  return null;
}

export interface NetnsOptions {
  /** The whole run, namespace set-up included; past it every process inside is killed and the promise rejects. */
  timeoutMs: number;
  /** Each stderr line of the driver (progress); by default they go to this process's stderr. */
  onLine?: (line: string) => void;
}

/** Runs `driver` (a path from the repository root) with `input` inside a fresh namespace; resolves with its result. */
export function runInNetns<T>(driver: string, input: unknown, options: NetnsOptions): Promise<T> {
  const unavailable = netnsUnavailable();
  if (unavailable) return Promise.reject(new Error(unavailable));
  const script = `${SETUP}\nexec "${process.execPath}" --import tsx "${driver}"`;
  const child = spawn('unshare', ['--net', '--pid', '--fork', '--kill-child', 'bash', '-c', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [INPUT_ENV]: JSON.stringify(input) },
  });
  const onLine = options.onLine ?? ((line: string) => process.stderr.write(`  [netns] ${line}\n`));
  let stdout = '';
  let stderrTail = '';
  let pending = '';
  let ready = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4000);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === READY) ready = true;
      else onLine(line);
    }
  });
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      // unshare --kill-child: its child (PID 1 of the namespace) dies with it, and every process inside with that
      child.kill('SIGKILL');
      reject(new Error(`${driver} did not finish within ${options.timeoutMs} ms inside its network namespace; every process inside was killed. Last output:\n${stderrTail}`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start unshare for ${driver}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
        return;
      }
      if (!ready) {
        reject(
          new Error(
            `could not set up a network namespace for ${driver} (unshare --net --pid, a veth pair): run as root with the right to create namespaces (CAP_SYS_ADMIN, CAP_NET_ADMIN). It said:\n${stderrTail}`,
          ),
        );
        return;
      }
      const said = stdout.split('\n').find((l) => l.startsWith(ERROR_PREFIX));
      const why = said ? (JSON.parse(said.slice(ERROR_PREFIX.length)) as string) : `exit ${code}, no result`;
      reject(new Error(`${driver} failed inside its network namespace: ${why}\nIts last output:\n${stderrTail}`));
    });
  });
}
