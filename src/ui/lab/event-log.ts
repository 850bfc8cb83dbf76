/** The run's events in words, for the event log and the chart's markers. */
import type { Observation } from '../../emulator/dispatcher-types';
import type { ScheduledFault } from '../../emulator/fault-schedule';
import type { RunEvent } from '../../emulator/run-loop';
import type { HistoryMark } from './metrics-history';

export interface LogEntry {
  atSec: number;
  text: string;
  /** A few characters for a chart marker. */
  short: string;
  mark: HistoryMark['kind'] | null;
  kind: RunEvent['kind'];
}

export function describeEvent(event: RunEvent, atSec: number): LogEntry | null {
  const entry = (text: string, short: string, mark: LogEntry['mark']): LogEntry => ({ atSec, text, short, mark, kind: event.kind });
  switch (event.kind) {
    case 'result':
    case 'confirmed':
      return null;
    case 'phase':
      return entry(`phase: ${event.phase}${event.reason ? ` (${event.reason})` : ''}`, event.phase, null);
    case 'plan':
      return entry(
        `plan ${event.epoch} (${event.plan.algorithm}): ${event.plan.stages.map((s) => `${s.node} [${s.firstBlock}-${s.lastBlock}]`).join(' -> ')}, predicted ${event.plan.throughputPerSec?.toFixed(2) ?? '-'}/s`,
        `plan ${event.epoch}`,
        event.epoch > 1 ? 'plan' : null,
      );
    case 'injected': {
      const { text, short, isRepair } = describeFault(event.fault);
      return entry(text, short, isRepair ? 'repair' : 'fault');
    }
    case 'observed': {
      const { text, short } = describeObservation(event.observation);
      return entry(`noticed: ${text}`, short, 'detect');
    }
    case 'decision':
      return event.outcome === 'no-change'
        ? null
        : entry(event.outcome === 'paused' ? 'no plan fits what survives: paused' : `re-planned (the planner took ${event.replanMs.toFixed(1)} ms)`, event.outcome, null);
    case 'deployed':
      return entry(`plan ${event.epoch} deployed${event.resent > 0 ? `; ${event.resent} requests sent again` : ''}`, `deployed ${event.epoch}`, null);
    case 'lost':
      return entry(`${event.count} request(s) given up after their copies were lost ${event.count === 1 ? '' : 'each '}several times`, 'lost', 'error');
    case 'error':
      return entry(`error: ${event.message}`, 'error', 'error');
  }
}

/** An injected fault in words: "slow CPU n3 (x4)", "cut n1-n2", ... */
export function describeFault(fault: ScheduledFault): { text: string; short: string; isRepair: boolean } {
  const link = 'from' in fault ? `${fault.from}${fault.both ? '-' : '->'}${fault.to}` : '';
  switch (fault.kind) {
    case 'kill':
    case 'hang':
    case 'revive':
      return { text: `${fault.kind} ${fault.node}`, short: `${fault.kind} ${fault.node}`, isRepair: fault.kind === 'revive' };
    case 'slow':
      return fault.factor === 1
        ? { text: `CPU of ${fault.node} back to its speed`, short: `cpu ${fault.node}`, isRepair: true }
        : { text: `slow CPU ${fault.node} (${fault.factor}x slower)`, short: `slow ${fault.node}`, isRepair: false };
    case 'slow-links':
      return fault.factor === 1
        ? { text: `network of ${fault.node} back to its speed`, short: `net ${fault.node}`, isRepair: true }
        : { text: `slow network ${fault.node} (every link ${fault.factor}x slower)`, short: `slow net ${fault.node}`, isRepair: false };
    case 'cut':
      return { text: `cut ${link}`, short: `cut ${link}`, isRepair: false };
    case 'restore':
      return { text: `restore ${link}`, short: `restore ${link}`, isRepair: true };
    case 'degrade':
      return { text: `degrade ${link} (${fault.factor}x slower)`, short: `degrade ${link}`, isRepair: fault.factor === 1 };
    case 'drop':
      return { text: `${fault.count} message(s) lost on ${link}`, short: `drop ${link}`, isRepair: false };
  }
}

/** What the dispatcher noticed, in words. */
export function describeObservation(o: Observation): { text: string; short: string } {
  switch (o.what) {
    case 'node-down':
      return {
        text: `${o.node} is down (${{ heartbeats: 'missed heartbeats', 'send-failed': 'a send to it was refused', 'deploy-failed': 'its deploy failed', restarted: 'it answered without its stage' }[o.how]})`,
        short: `${o.node} down`,
      };
    case 'node-back':
      return { text: `${o.node} answers again`, short: `${o.node} up` };
    case 'link-down':
      return { text: `${o.from}->${o.to} stalled`, short: `${o.from}->${o.to} stalled` };
    case 'link-back':
      return { text: `${o.from}->${o.to} carries traffic again`, short: `${o.from}->${o.to} back` };
    case 'node-speed':
      return { text: `${o.node} computes at ${o.gflops.toPrecision(2)} GFLOPS (configured ${o.nominalGflops.toPrecision(2)})`, short: `${o.node} speed` };
    case 'link-speed':
      return { text: `${o.from}->${o.to} carries ${o.bandwidthMbps.toPrecision(2)} Mbit/s (configured ${o.nominalMbps.toPrecision(2)})`, short: `${o.from}->${o.to} rate` };
    case 'request-timeout':
      return { text: `${o.count} request(s) not back in time, sent again`, short: 'timeout' };
  }
}
