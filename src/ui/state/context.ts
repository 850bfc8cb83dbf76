/** The lab's state, shared with every view through typed context (no global stores). */
import { createContext } from 'svelte';
import type { LabState } from './lab.svelte';

const [get, set] = createContext<LabState>();

export function getLab(): LabState {
  try {
    return get();
  } catch {
    throw new Error('A lab view was mounted outside <App>: call setLab(new LabState()) in an ancestor first.');
  }
}

export const setLab = set;
