/** Loads a zoo model in the browser: generated ones are built here from their seed, file ones fetched from models/. */
import { errors } from '../errors';
import { decodeModel, type Model } from '../model/index';
import type { ZooEntry } from '../model/zoo/index';

export interface LoadProgress {
  (label: string, fraction: number): void;
}

export async function loadZooModel(entry: ZooEntry, onProgress: LoadProgress, seed = 1): Promise<Model> {
  if (entry.kind === 'generated' && entry.build) {
    return entry.build({ seed, onProgress: (f) => onProgress(`generating ${entry.title}`, f) });
  }
  const url = new URL(`models/${entry.file}`, document.baseURI);
  const bytes = await fetchBytes(url, (f) => onProgress(`loading ${entry.title}`, f));
  return decodeModel(bytes, entry.file ?? entry.name);
}

/** fetch with download progress (Content-Length when the server sends it). */
export async function fetchBytes(url: URL, onProgress: (fraction: number) => void): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw errors.runtime(url.pathname, `could not fetch the model: ${(error as Error).message}`);
  }
  if (!response.ok || !response.body) throw errors.noSuchModel(`${url.pathname} (HTTP ${response.status})`, []);
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    if (total) onProgress(received / total);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  onProgress(1);
  return bytes;
}
