/** Colours in one place: stages, node states, link states, chart series (readable on a projector). */
import { schemeTableau10 } from 'd3-scale-chromatic';

export function stageColor(stage: number): string {
  return stage < 0 ? '#b8bec6' : schemeTableau10[stage % schemeTableau10.length];
}

export const COLORS = {
  ink: '#1d2430',
  muted: '#5d6673',
  faint: '#d5dae1',
  down: '#c62828',
  hung: '#8e24aa',
  hostBound: '#ef6c00',
  slow: '#ef6c00',
  cut: '#c62828',
  degraded: '#ef6c00',
  flight: '#1d2430',
  bottleneck: '#c62828',
  measured: '#1565c0',
  predicted: '#2e7d32',
  p50: '#1565c0',
  p95: '#ef6c00',
  p99: '#c62828',
} as const;
