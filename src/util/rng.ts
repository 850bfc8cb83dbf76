/** A seeded random source: every random choice in seifer-lab takes one, so a seed replays a run exactly. */
export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
}

/** mulberry32: tiny, fast, and good enough for weights, clusters and fault schedules (not for cryptography). */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`'seed' must be a finite number, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both inclusive. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A standard normal sample (Box-Muller). */
export function randomNormal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Derives an independent stream, so adding a consumer does not shift the numbers of the others. */
export function forkRng(rng: Rng, label: number): Rng {
  return createRng((Math.floor(rng() * 4294967296) ^ Math.imul(label + 1, 0x9e3779b9)) >>> 0);
}
