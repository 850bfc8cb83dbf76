// Worker-thread bootstrap for Node: registers tsx so the TypeScript entry in workerData.entry can load.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
