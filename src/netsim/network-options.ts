import { DEFAULT_MIN_RTO_MS, DEFAULT_SEGMENT_BYTES } from './delivery';
import type { NetworkOptions } from './types';

/** The options with their documented defaults (see NetworkOptions), checked at the door. */
export function resolveNetworkOptions(options: NetworkOptions): Required<Omit<NetworkOptions, 'linkFor'>> & Pick<NetworkOptions, 'linkFor'> {
  if (options === null || typeof options !== 'object') throw new TypeError(`'options' must be an object, got ${String(options)}`);
  const o = {
    seed: options.seed ?? 1,
    segmentBytes: options.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
    minRtoMs: options.minRtoMs ?? DEFAULT_MIN_RTO_MS,
    failureDetectionMs: options.failureDetectionMs ?? 0,
    statsWindowMs: options.statsWindowMs ?? 1000,
    ...(options.linkFor ? { linkFor: options.linkFor } : {}),
  };
  if (options.linkFor !== undefined && typeof options.linkFor !== 'function') throw new TypeError(`'options.linkFor' must be a function (from, to) => LinkConfig`);
  if (!Number.isFinite(o.seed)) throw new RangeError(`'options.seed' must be a finite number, got ${o.seed}`);
  if (!(Number.isInteger(o.segmentBytes) && o.segmentBytes >= 1)) throw new RangeError(`'options.segmentBytes' must be an integer >= 1, got ${o.segmentBytes}`);
  for (const name of ['minRtoMs', 'failureDetectionMs'] as const) {
    if (!(Number.isFinite(o[name]) && o[name] >= 0)) throw new RangeError(`'options.${name}' must be a finite number >= 0, got ${o[name]}`);
  }
  if (!(Number.isFinite(o.statsWindowMs) && o.statsWindowMs > 0)) throw new RangeError(`'options.statsWindowMs' must be a finite number > 0, got ${o.statsWindowMs}`);
  return o;
}
