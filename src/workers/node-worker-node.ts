/** Entry of a node's worker thread (Node.js): the same NodeRuntime, with comlink over parentPort. */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { NodeRuntime } from './node-runtime';
import { nodeApi } from './node-api';

if (!parentPort) throw new Error('node-worker-node.ts must run as a worker thread');
Comlink.expose(nodeApi(new NodeRuntime()), nodeEndpoint(parentPort));
