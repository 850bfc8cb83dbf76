import { describe, expect, it } from 'vitest';
import { RequestLedger } from '../../src/emulator/ledger';

describe('RequestLedger', () => {
  it('accept() numbers requests from 0 and keeps them open until complete()', () => {
    const ledger = new RequestLedger();
    const a = ledger.accept(10);
    const b = ledger.accept(11);
    expect([a.id, b.id]).toEqual([0, 1]);
    expect(ledger.open().map((r) => r.id)).toEqual([0, 1]);
    expect(ledger.complete(1, 20)).toBe(true);
    expect(ledger.open().map((r) => r.id)).toEqual([0]);
    expect([ledger.accepted, ledger.completed]).toEqual([2, 1]);
  });

  it('complete(id) is true once; later copies are counted as suppressed duplicates', () => {
    const ledger = new RequestLedger();
    ledger.accept(0);
    expect(ledger.complete(0, 5)).toBe(true);
    expect(ledger.complete(0, 6)).toBe(false);
    expect(ledger.complete(7, 6)).toBe(false);
    expect(ledger.suppressedDuplicates).toBe(2);
    expect(ledger.get(0).completedAtMs).toBe(5);
  });

  it('markSent(id) counts the copies sent', () => {
    const ledger = new RequestLedger();
    ledger.accept(0);
    ledger.markSent(0, 1);
    ledger.markSent(0, 2);
    expect(ledger.get(0)).toMatchObject({ sends: 2, sentAtMs: 2 });
  });

  it('prune() forgets answered requests but keeps the counts', () => {
    const ledger = new RequestLedger();
    ledger.accept(0);
    ledger.accept(0);
    ledger.complete(0, 1);
    ledger.prune();
    expect(() => ledger.get(0)).toThrow(RangeError);
    expect([ledger.accepted, ledger.completed, ledger.open().length]).toEqual([2, 1, 1]);
  });
});
