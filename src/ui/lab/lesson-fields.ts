/**
 * The two scenario fields a lesson adds: a scripted fault timeline, 'kill:n2@12,revive:n2@35,degrade:n1-n2@8:4'
 * (each item a fault kind and the CLI's own fault text, read by parseFaultSpec), and presenter notes (plain text,
 * only ever shown as text). Both are bounded; a fault naming a node the scenario does not have is refused here,
 * not when the run starts.
 */
import { SeiferError, errors } from '../../errors';
import { FAULT_KINDS, faultNodes, formatFaultSpec, parseFaultSpec, type FaultKind, type ScheduledFault } from '../../emulator/fault-schedule';
import type { ScenarioNode } from '../../emulator/scenario';
import { LIMITS } from './scenario-spec';

const SHAPE = `KIND:TARGET@SECONDS items separated by commas, KIND one of ${FAULT_KINDS.join(', ')}, e.g. kill:n2@12,revive:n2@35`;

export function writeFaults(faults: readonly ScheduledFault[]): string {
  return faults.map((f) => `${f.kind}:${formatFaultSpec(f)}`).join(',');
}

export function readFaults(text: string, nodes: readonly ScenarioNode[]): ScheduledFault[] {
  const items = text.split(',').filter((item) => item.trim() !== '');
  if (items.length > LIMITS.scriptedFaults) throw errors.badScenarioField('faults', `${items.length} faults`, `at most ${LIMITS.scriptedFaults}`);
  const ids = new Set([...nodes.map((n) => n.id), 'dispatcher']);
  return items.map((item) => {
    const colon = item.indexOf(':');
    const kind = item.slice(0, colon) as FaultKind;
    if (colon < 0 || !FAULT_KINDS.includes(kind)) throw errors.badScenarioField('faults', item, SHAPE);
    let fault: ScheduledFault;
    try {
      fault = parseFaultSpec(kind, item.slice(colon + 1));
    } catch (error) {
      if (error instanceof SeiferError) throw errors.badScenarioField('faults', item, SHAPE);
      throw error;
    }
    const unknown = faultNodes(fault).find((id) => !ids.has(id) || (id === 'dispatcher' && !('from' in fault)));
    if (unknown !== undefined) throw errors.badScenarioField('faults', item, `a fault on a node of this scenario (${unknown} is not one)`);
    return fault;
  });
}

export function readNotes(text: string): string {
  if (text.length > LIMITS.notesChars) throw errors.badScenarioField('notes', `${text.length} characters`, `at most ${LIMITS.notesChars} characters`);
  return text;
}
