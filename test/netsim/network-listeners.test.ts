import { describe, expect, it } from 'vitest';
import { NetworkListeners, subscribe } from '../../src/netsim/network-listeners';
import type { NetworkEvent } from '../../src/netsim/types';
import { nodeId } from '../../src/netsim/world';

describe('network-listeners', () => {
  it('subscribe(set, listener) adds the listener and returns its unsubscribe function', () => {
    const listeners = new NetworkListeners<string>();
    const seen: string[] = [];
    const off = subscribe(listeners.events, (e) => seen.push(e.kind));
    const event: NetworkEvent = { kind: 'node-up', atMs: 1, node: nodeId('a') };
    listeners.emit(event);
    off();
    listeners.emit(event);
    expect(seen).toEqual(['node-up']);
    expect(() => subscribe(listeners.events, 42 as never)).toThrow(/'listener' must be a function/);
  });

  it('clear() drops every kind of listener', () => {
    const listeners = new NetworkListeners<string>();
    subscribe(listeners.events, () => {});
    subscribe(listeners.deliveries, () => {});
    subscribe(listeners.failures, () => {});
    listeners.clear();
    expect([listeners.events.size, listeners.deliveries.size, listeners.failures.size]).toEqual([0, 0, 0]);
  });
});
