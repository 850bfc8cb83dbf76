import { describe, expect, it } from 'vitest';
import { record, redo, startHistory, undo } from '../../src/ui/lab/edit-history';

describe('record, undo and redo on a history', () => {
  it('undoes and redoes edits in order, and a new edit forgets what could be redone', () => {
    let h = startHistory('a');
    h = record(record(h, 'b'), 'c');
    expect(h.present).toBe('c');
    h = undo(undo(h));
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'd');
    expect(h).toEqual({ past: ['a', 'b'], present: 'd', future: [] });
    expect(redo(h)).toBe(h);
  });

  it('keeps the last `limit` edits and records nothing for the same value', () => {
    let h = startHistory(0);
    for (let i = 1; i <= 10; i++) h = record(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
    expect(record(h, h.present)).toBe(h);
  });
});
