/** The comlink-facing surface of a NodeRuntime (ports and model bytes arrive transferred). */
import * as Comlink from 'comlink';
import type { NodeRuntime } from './node-runtime';
import type { NodeApi } from './protocol';

export function nodeApi(runtime: NodeRuntime): NodeApi {
  return {
    init: (init, report) => runtime.start(init, report),
    connectOut: (peer, port) => runtime.connectOut(peer, port),
    connectIn: (peer, port) => runtime.connectIn(peer, port),
    receive: (message) => runtime.receive(message),
    change: (change) => runtime.change(change),
    linkStats: () => runtime.linkStats(),
    hang: () => runtime.hang(),
  };
}

export type RemoteNode = Comlink.Remote<NodeApi>;
