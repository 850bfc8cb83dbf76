/**
 * Drift: the bottleneck the dispatcher observes (the slowest of its stages and hops, each as measured, or as
 * predicted while not measured yet) moved more than `threshold` away from the plan's prediction, and stayed
 * there for `windowMs`. That is the dispatcher's only way to learn that a device slowed down or a link
 * degraded; SEIFER itself re-plans only on failures. See docs/design.md, "Detection and re-planning".
 */

/** One term of the bottleneck: a stage's compute or a hop's transfer. */
export interface DriftTerm {
  kind: 'stage' | 'hop';
  index: number;
  predictedMs: number;
  /** null while there is no measurement yet. */
  measuredMs: number | null;
}

export class DriftWatch {
  private sinceMs: number | null = null;

  constructor(
    readonly threshold = 0.2,
    readonly windowMs = 2000,
  ) {
    if (!(threshold > 0 && threshold < 1)) throw new RangeError(`'threshold' must be in (0, 1), got ${threshold}`);
    if (!(windowMs >= 0)) throw new RangeError(`'windowMs' must be >= 0, got ${windowMs}`);
  }

  /** Forget a drift in progress (a new plan, or new predictions for the same plan). */
  reset(): void {
    this.sinceMs = null;
  }

  /** The observed bottleneck for these terms. */
  static observedMs(terms: readonly DriftTerm[]): number {
    let worst = 0;
    for (const t of terms) worst = Math.max(worst, t.measuredMs ?? t.predictedMs);
    return worst;
  }

  /** True once the observed bottleneck has been off the prediction for windowMs (and then starts over). */
  check(nowMs: number, predictedBottleneckMs: number, terms: readonly DriftTerm[]): boolean {
    const observed = DriftWatch.observedMs(terms);
    const off = predictedBottleneckMs > 0 && Math.abs(observed - predictedBottleneckMs) > this.threshold * predictedBottleneckMs;
    if (!off) {
      this.sinceMs = null;
      return false;
    }
    this.sinceMs ??= nowMs;
    if (nowMs - this.sinceMs < this.windowMs) return false;
    this.sinceMs = null;
    return true;
  }

  /** The terms whose measurement is off their own prediction by more than the threshold: what to correct. */
  offTerms(terms: readonly DriftTerm[]): DriftTerm[] {
    return terms.filter((t) => t.measuredMs !== null && Math.abs(t.measuredMs - t.predictedMs) > this.threshold * Math.max(t.predictedMs, 1e-9));
  }
}
