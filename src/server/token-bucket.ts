/**
 * A token bucket: `ratePerSec` tokens flow in, at most `burst` are kept; a message spends its cost or is refused.
 * The clock is passed in, so tests replay exact times.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /** Spends `cost` tokens if there are that many; false (and nothing spent) otherwise. */
  take(cost: number, nowMs: number): boolean {
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs / 1000) * this.ratePerSec);
    if (cost > this.tokens) return false;
    this.tokens -= cost;
    return true;
  }
}
