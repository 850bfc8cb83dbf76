/**
 * The inside half of the network-namespace harness (netns.ts): a driver script calls `driverMain` with its work;
 * the input comes as JSON in an environment variable, the result goes back as one marked line on stdout, and
 * progress goes to stderr. The driver is the namespace's first process, so exiting ends everything it started.
 */

/** The namespace's own address (a private range that exists only inside the namespace). */
export const NETNS_ADDRESS = '10.213.0.1';
/**
 * Chromium flags inside the namespace: host candidates carry the address itself rather than an mDNS name, so a test
 * can read from the signalling that every candidate is the namespace's address (and no multicast is needed).
 */
export const NETNS_CHROMIUM_FLAGS = ['--disable-features=WebRtcHideLocalIpsWithMdns'];

export const INPUT_ENV = 'SEIFER_NETNS_INPUT';
export const RESULT_PREFIX = '@@netns-result ';
export const ERROR_PREFIX = '@@netns-error ';

/** One progress line, with the seconds since the driver started. */
export function say(text: string): void {
  process.stderr.write(`${(performance.now() / 1000).toFixed(1)} s  ${text}\n`);
}

/** Runs `work` on the input; prints its result (or its error) and exits, which ends every process in the namespace. */
export function driverMain<I, R>(work: (input: I) => Promise<R>): void {
  const input = JSON.parse(process.env[INPUT_ENV] ?? 'null') as I;
  work(input).then(
    (result) => {
      process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0));
    },
    (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stdout.write(`${ERROR_PREFIX}${JSON.stringify(message)}\n`, () => process.exit(1));
    },
  );
}
