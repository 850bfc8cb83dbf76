/** The run's events in words, for the event log and the chart's markers. */
import type { DispatcherEvent } from '../../emulator/dispatcher-types';
import type { HistoryMark } from './metrics-history';

export interface LogEntry {
  atSec: number;
  text: string;
  /** A few characters for a chart marker. */
  short: string;
  mark: HistoryMark['kind'] | null;
  kind: DispatcherEvent['kind'];
}

/**
 * The dispatcher records a slowed CPU, a slowed radio and their repairs all as 'degrade' faults on a node. The page
 * knows which one it asked for: it names the faults its call injects (synchronously) with this.
 */
let degradeName: { name: string; repair: boolean } | null = null;

export function withFaultName<T>(name: string, repair: boolean, action: () => T): T {
  const outer = degradeName;
  degradeName = { name, repair };
  try {
    return action();
  } finally {
    degradeName = outer;
  }
}

export function describeEvent(event: DispatcherEvent, atSec: number): LogEntry | null {
  const entry = (text: string, short: string, mark: LogEntry['mark']): LogEntry => ({ atSec, text, short, mark, kind: event.kind });
  switch (event.kind) {
    case 'result':
      return null;
    case 'phase':
      return entry(`phase: ${event.phase}${event.reason ? ` (${event.reason})` : ''}`, event.phase, null);
    case 'plan':
      return entry(
        `plan ${event.epoch}: ${event.plan.stages.map((s) => `${s.node} [${s.firstBlock}-${s.lastBlock}]`).join(' -> ')}, predicted ${event.plan.throughputPerSec?.toFixed(2) ?? '-'}/s`,
        `plan ${event.epoch}`,
        event.epoch > 1 ? 'plan' : null,
      );
    case 'fault': {
      const where = event.fault.node ?? event.fault.link ?? '';
      const named = event.fault.kind === 'degrade' ? degradeName : null;
      const what = named?.name ?? event.fault.kind;
      const repair = named ? named.repair : event.fault.kind === 'revive' || event.fault.kind === 'restore';
      return entry(`${what} ${where}`, `${what} ${where}`, repair ? 'repair' : 'fault');
    }
    case 'node-down':
      return entry(`detected: ${event.node} is down`, `${event.node} down`, 'detect');
    case 'node-up':
      return entry(`${event.node} answers again`, `${event.node} up`, null);
    case 'error':
      return entry(`error: ${event.message}`, 'error', 'error');
  }
}
