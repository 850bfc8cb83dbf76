/**
 * Share links for big scenarios: the readable link text, deflated (CompressionStream 'deflate-raw') and written
 * in base64url, which needs no escaping in a URL. Inflating stops at a size limit, so a small hostile link cannot
 * expand into gigabytes.
 */

export async function deflateToBase64url(text: string): Promise<string> {
  const bytes = await collect(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw')), Infinity);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text back; throws RangeError when it is not base64url deflate data or inflates past `maxBytes`. */
export async function inflateFromBase64url(text: string, maxBytes: number): Promise<string> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new RangeError('it has characters outside base64url (A-Z a-z 0-9 - _)');
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new RangeError('it is not base64url text');
  }
  const packed = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  let bytes: Uint8Array;
  try {
    bytes = await collect(new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw')), maxBytes);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new RangeError('it is not deflate data (cut short or altered?)', { cause: error });
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RangeError(`it expands to more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
