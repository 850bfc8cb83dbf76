/** Entry of a member's compute worker thread (Node.js): OrtStageCompute behind comlink over parentPort. */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { OrtStageCompute } from './stage-compute';

if (!parentPort) throw new Error('compute-worker-node.ts must run as a worker thread');
Comlink.expose(new OrtStageCompute(), nodeEndpoint(parentPort));
