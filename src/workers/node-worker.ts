/** Entry of a node's module Web Worker (browser): a NodeRuntime behind comlink. */
import * as Comlink from 'comlink';
import { NodeRuntime } from './node-runtime';
import { nodeApi } from './node-api';

Comlink.expose(nodeApi(new NodeRuntime()));
