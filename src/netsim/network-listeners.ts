import type { Delivery, NetworkEvent } from './types';

export type Listener<T> = (value: T) => void;

/** The three kinds of subscribers of a Network: every event, deliveries (with payload), failures (with payload). */
export class NetworkListeners<P> {
  readonly events = new Set<Listener<NetworkEvent>>();
  readonly deliveries = new Set<Listener<Delivery<P>>>();
  readonly failures = new Set<Listener<Delivery<P>>>();

  emit(event: NetworkEvent): void {
    for (const listener of this.events) listener(event);
  }

  clear(): void {
    this.events.clear();
    this.deliveries.clear();
    this.failures.clear();
  }
}

/** Adds `listener` to `set`; returns the unsubscribe function. */
export function subscribe<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
  if (typeof listener !== 'function') throw new TypeError(`'listener' must be a function, got ${typeof listener}`);
  set.add(listener);
  return () => set.delete(listener);
}
