/** Results as files: the whole run as JSON, the metrics and the faults as CSV. Pure text from plain data. */
import type { FaultFigures } from '../../emulator/fault-log';
import type { PlanReport } from '../../planner/types';
import type { LogEntry } from './event-log';
import type { HistoryPoint } from './metrics-history';
import type { RunSample } from './run-sample';
import type { LabScenario } from './scenario-spec';

export interface RunExport {
  scenario: LabScenario;
  model: { name: string; blocks: number; onnxNodes: number; flops: number } | null;
  plan: PlanReport | null;
  sample: RunSample | null;
  history: HistoryPoint[];
  faults: FaultFigures[];
  events: LogEntry[];
}

export function resultsJson(run: RunExport): string {
  return JSON.stringify({ exportedBy: 'seifer-lab', ...run }, null, 2);
}

export function metricsCsv(points: readonly HistoryPoint[]): string {
  const rows = points.map((p) => [p.atSec, p.throughputPerSec, p.predictedPerSec, p.latencyMs.p50, p.latencyMs.p95, p.latencyMs.p99, p.completed]);
  return toCsv(['atSec', 'throughputPerSec', 'predictedPerSec', 'p50Ms', 'p95Ms', 'p99Ms', 'completed'], rows);
}

export function faultsCsv(faults: readonly FaultFigures[]): string {
  const rows = faults.map((f) => [f.kind, f.node ?? f.link ?? '', f.atSec, f.detectMs, f.detectedBy, f.replanMs, f.redeployMs, f.firstResultMs, f.resent, f.outcome]);
  return toCsv(['kind', 'where', 'atSec', 'detectMs', 'detectedBy', 'replanMs', 'redeployMs', 'firstResultMs', 'resent', 'outcome'], rows);
}

/** RFC 4180: fields with commas, quotes or line breaks are quoted; null is an empty field. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const field = (v: string | number | null) => {
    if (v === null) return '';
    const text = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : v;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
