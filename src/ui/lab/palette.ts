/** Colours in one place: stages, node states, link states, chart series (readable on a projector). */
/** Tableau 10 without its red and pink: red means a fault or the bottleneck, never a stage. */
const STAGES = ['#4e79a7', '#f28e2c', '#59a14f', '#af7aa1', '#76b7b2', '#edc949', '#9c755f', '#5d6d7e'];

export function stageColor(stage: number): string {
  return stage < 0 ? '#b8bec6' : STAGES[stage % STAGES.length];
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
