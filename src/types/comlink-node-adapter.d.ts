// comlink ships this adapter's types as node-adapter.d.ts beside the .mjs, which TypeScript does not pair up.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export default function nodeEndpoint(nep: unknown): Endpoint;
}
