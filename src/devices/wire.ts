/**
 * The bytes of a data message between real devices (docs/design.md, "Real devices"): an envelope (a JSON header and
 * its parts: tensors or stage-model bytes) cut into chunks small enough for a relay frame or a data channel message,
 * and put together again on the other side. Every length is checked against caps before anything is allocated, so
 * a peer cannot make a receiver hold more than its bounds.
 */
import { tensorBytes, type DType } from '../model/dtype';
import type { TensorValue, TypedData } from '../model/ort-run';
import { isPlainObject } from '../session/json-checks';

/** What a data message carries besides its header: a request's tensors, or model bytes. */
export type Part = TensorValue | Uint8Array;

export interface Envelope {
  header: Record<string, unknown>;
  parts: Part[];
}

/** Caps on what a receiver puts together (the largest stage model of the zoo fits with room). */
export const MAX_MESSAGE_BYTES = 256 * 2 ** 20;
const MAX_HEADER_BYTES = 32 * 1024;
const MAX_PARTS = 256;
/** Messages one sender may have half-received at once. */
const MAX_PARTIAL = 8;
export const CHUNK_HEADER_BYTES = 1 + 4 + 4 + 4;
const CHUNK_VERSION = 2;

const TYPED: Partial<Record<DType, new (buffer: ArrayBuffer) => TypedData>> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  bool: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  float16: Uint16Array,
  int16: Int16Array,
};

type PartHead = { n: number } | { n: number; dtype: DType; dims: number[] };

function isTensor(part: Part): part is TensorValue {
  return !(part instanceof Uint8Array);
}

function bytesOf(part: Part): Uint8Array {
  const view = isTensor(part) ? part.data : part;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** One envelope as one byte string: [u32 header length][header JSON][parts one after the other]. */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const heads: PartHead[] = envelope.parts.map((p) => (isTensor(p) ? { n: p.data.byteLength, dtype: p.dtype, dims: p.dims } : { n: p.byteLength }));
  const header = new TextEncoder().encode(JSON.stringify({ ...envelope.header, parts: heads }));
  const total = 4 + header.byteLength + heads.reduce((s, h) => s + h.n, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.byteLength);
  out.set(header, 4);
  let at = 4 + header.byteLength;
  for (const part of envelope.parts) {
    const bytes = bytesOf(part);
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  return out;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Reads an envelope; tensors get buffers of their own (aligned, transferable). */
export function decodeEnvelope(bytes: Uint8Array): Decoded<Envelope> {
  if (bytes.byteLength < 4) return { ok: false, reason: 'data message shorter than its header length' };
  const headerBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (headerBytes > MAX_HEADER_BYTES || 4 + headerBytes > bytes.byteLength) return { ok: false, reason: 'data message header length out of bounds' };
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerBytes)));
  } catch {
    return { ok: false, reason: 'data message header is not JSON' };
  }
  if (!isPlainObject(header) || !Array.isArray(header.parts) || header.parts.length > MAX_PARTS) return { ok: false, reason: 'data message header has no valid parts list' };
  const parts: Part[] = [];
  let at = 4 + headerBytes;
  for (const head of header.parts as unknown[]) {
    if (!isPlainObject(head) || !Number.isSafeInteger(head.n) || (head.n as number) < 0 || at + (head.n as number) > bytes.byteLength)
      return { ok: false, reason: 'data message part length out of bounds' };
    const n = head.n as number;
    const slice = bytes.slice(at, at + n);
    at += n;
    if (head.dtype === undefined) {
      parts.push(slice);
      continue;
    }
    const make = typeof head.dtype === 'string' ? TYPED[head.dtype as DType] : undefined;
    const dims = head.dims;
    if (!make || !Array.isArray(dims) || dims.length > 16 || !dims.every((d) => Number.isSafeInteger(d) && d >= 0)) return { ok: false, reason: 'data message tensor has a bad dtype or dims' };
    if (tensorBytes(head.dtype as DType, dims as number[]) !== n) return { ok: false, reason: 'data message tensor size does not match its dims' };
    parts.push({ dtype: head.dtype as DType, dims: dims as number[], data: new make(slice.buffer) });
  }
  if (at !== bytes.byteLength) return { ok: false, reason: 'data message has bytes after its parts' };
  const { parts: _, ...rest } = header;
  return { ok: true, value: { header: rest, parts } };
}

/** Cuts one encoded message into chunks of at most `chunkBytes` (headers included): [2][u32 message id][u32 index][u32 count][data]. */
export function chunk(messageId: number, bytes: Uint8Array, chunkBytes: number): Uint8Array[] {
  const room = chunkBytes - CHUNK_HEADER_BYTES;
  const count = Math.max(1, Math.ceil(bytes.byteLength / room));
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const data = bytes.subarray(i * room, Math.min(bytes.byteLength, (i + 1) * room));
    const c = new Uint8Array(CHUNK_HEADER_BYTES + data.byteLength);
    const view = new DataView(c.buffer);
    c[0] = CHUNK_VERSION;
    view.setUint32(1, messageId);
    view.setUint32(5, i);
    view.setUint32(9, count);
    c.set(data, CHUNK_HEADER_BYTES);
    out.push(c);
  }
  return out;
}

/** Puts one sender's chunks together (chunks of a message arrive in order on one channel). */
export class Reassembler {
  private readonly partial = new Map<number, { count: number; next: number; pieces: Uint8Array[]; bytes: number }>();

  constructor(private readonly maxChunkBytes: number) {}

  /** A whole message when `piece` completes one, null while it is partial, or an error (the message is forgotten). */
  add(piece: Uint8Array): Decoded<Uint8Array> | null {
    if (piece.byteLength < CHUNK_HEADER_BYTES || piece[0] !== CHUNK_VERSION || piece.byteLength > this.maxChunkBytes) return { ok: false, reason: 'bad data chunk header' };
    const view = new DataView(piece.buffer, piece.byteOffset, piece.byteLength);
    const id = view.getUint32(1);
    const index = view.getUint32(5);
    const count = view.getUint32(9);
    if (count < 1 || count * (this.maxChunkBytes - CHUNK_HEADER_BYTES) > MAX_MESSAGE_BYTES + this.maxChunkBytes) return { ok: false, reason: 'data message over the size cap' };
    let entry = this.partial.get(id);
    if (!entry) {
      if (index !== 0) return { ok: false, reason: 'data chunk out of order' };
      if (this.partial.size >= MAX_PARTIAL) return { ok: false, reason: 'too many half-received data messages' };
      entry = { count, next: 0, pieces: [], bytes: 0 };
      this.partial.set(id, entry);
    }
    if (index !== entry.next || count !== entry.count) {
      this.partial.delete(id);
      return { ok: false, reason: 'data chunk out of order' };
    }
    const data = piece.subarray(CHUNK_HEADER_BYTES);
    entry.pieces.push(data);
    entry.bytes += data.byteLength;
    entry.next++;
    if (entry.next < entry.count) return null;
    this.partial.delete(id);
    if (entry.pieces.length === 1) return { ok: true, value: entry.pieces[0] };
    const whole = new Uint8Array(entry.bytes);
    let at = 0;
    for (const p of entry.pieces) {
      whole.set(p, at);
      at += p.byteLength;
    }
    return { ok: true, value: whole };
  }
}
