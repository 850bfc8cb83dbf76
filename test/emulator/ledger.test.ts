import { describe, expect, it } from 'vitest';
import { RequestLedger } from '../../src/emulator/ledger';

const sent: number[] = [];
const send = (id: number) => void sent.push(id);

describe('RequestLedger', () => {
  it('new RequestLedger() counts nothing', () => {
    expect(new RequestLedger().snapshot()).toEqual({ accepted: 0, queued: 0, awaitingResend: 0, inFlight: 0, completed: 0, lost: 0, resends: 0, lateCopies: 0 });
  });

  it('accept() numbers requests from 0; pump(window) sends the oldest while fewer than window are in flight', () => {
    const ledger = new RequestLedger();
    expect([ledger.accept(0), ledger.accept(0), ledger.accept(0)]).toEqual([0, 1, 2]);
    sent.length = 0;
    ledger.pump(2, 5, send);
    expect(sent).toEqual([0, 1]);
    expect(ledger.snapshot()).toMatchObject({ accepted: 3, queued: 1, inFlight: 2 });
    expect(ledger.stateOf(2)).toBe('queued');
    expect(ledger.stateOf(0)).toBe('in-flight');
  });

  it('complete(id) gives the latency once; a later copy is a late copy, never delivered', () => {
    const ledger = new RequestLedger();
    ledger.accept(10);
    ledger.pump(1, 10, () => undefined);
    expect(ledger.complete(0, 35)).toBe(25);
    expect(ledger.complete(0, 36)).toBeNull();
    expect(ledger.stateOf(0)).toBe('completed');
    expect(ledger.snapshot()).toMatchObject({ completed: 1, inFlight: 0, lateCopies: 1 });
    expect(ledger.pending).toBe(0);
  });

  it('requeueOpen() sends every open request again, oldest first, and counts the resends', () => {
    const ledger = new RequestLedger();
    for (let i = 0; i < 3; i++) ledger.accept(0);
    ledger.pump(2, 0, () => undefined);
    expect(ledger.requeueOpen()).toBe(2);
    expect(ledger.snapshot()).toMatchObject({ queued: 3, awaitingResend: 2, inFlight: 0 });
    sent.length = 0;
    ledger.pump(3, 1, send);
    expect(sent).toEqual([0, 1, 2]);
    expect(ledger.snapshot()).toMatchObject({ resends: 2, awaitingResend: 0, inFlight: 3 });
  });

  it('requeueLate(now, timeout) sends late copies again first, and gives a request up after maxTimeouts', () => {
    const ledger = new RequestLedger(2);
    ledger.accept(0);
    ledger.accept(0);
    ledger.pump(1, 0, () => undefined);
    expect(ledger.requeueLate(100, 500)).toEqual({ requeued: 0, lost: 0 });
    expect(ledger.requeueLate(600, 500)).toEqual({ requeued: 1, lost: 0 });
    sent.length = 0;
    ledger.pump(1, 600, send);
    expect(sent).toEqual([0]);
    expect(ledger.requeueLate(1200, 500)).toEqual({ requeued: 0, lost: 1 });
    expect(ledger.stateOf(0)).toBe('lost');
    expect(ledger.snapshot()).toMatchObject({ lost: 1, inFlight: 0, queued: 1 });
    expect(ledger.complete(0, 1300)).toBeNull();
  });
});
