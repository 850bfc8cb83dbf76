/** Undo and redo for the cluster editor: a bounded history of immutable values (pure; the editor holds one). */

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
}

/** Edits kept for undo: enough for a session, bounded for 1,000-node clusters (edits share unchanged rows). */
export const MAX_UNDO = 100;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** `next` becomes the present; the old present can be undone to; redo is forgotten. Same value: no entry. */
export function record<T>(history: History<T>, next: T, limit = MAX_UNDO): History<T> {
  if (next === history.present) return history;
  return { past: [...history.past, history.present].slice(-limit), present: next, future: [] };
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return { past: history.past.slice(0, -1), present: history.past[history.past.length - 1], future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return { past: [...history.past, history.present], present: history.future[0], future: history.future.slice(1) };
}
