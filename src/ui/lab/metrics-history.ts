/** The run's recent past for the charts: samples at a steady rate in a bounded ring, and marked events. */
import type { LatencySummary } from '../../emulator/percentiles';

export interface HistoryPoint {
  /** Emulated seconds since the run started. */
  atSec: number;
  /** As the run loop computes it (docs/design.md, "Metrics"): one figure for the counter, the chart and the exports. */
  throughputPerSec: number;
  predictedPerSec: number | null;
  latencyMs: LatencySummary;
  completed: number;
}

export interface HistoryMark {
  atSec: number;
  kind: 'fault' | 'detect' | 'plan' | 'repair' | 'error';
  label: string;
}

export class MetricsHistory {
  private readonly points: HistoryPoint[] = [];
  private readonly marks: HistoryMark[] = [];

  constructor(readonly capacity = 1200) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`'capacity' must be an integer >= 2, got ${capacity}`);
  }

  push(point: HistoryPoint): void {
    this.points.push(point);
    if (this.points.length > this.capacity) this.points.splice(0, this.points.length - this.capacity);
    const oldest = this.points[0].atSec;
    while (this.marks.length > 0 && this.marks[0].atSec < oldest) this.marks.shift();
  }

  mark(mark: HistoryMark): void {
    this.marks.push(mark);
  }

  /** Copies, so a view can hold on to them while the history moves on. */
  snapshot(): { points: HistoryPoint[]; marks: HistoryMark[] } {
    return { points: this.points.slice(), marks: this.marks.slice() };
  }
}
