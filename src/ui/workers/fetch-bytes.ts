/** fetch with download progress (Content-Length when the server sends it): the page's own model files only. */
import { errors } from '../../errors';

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
