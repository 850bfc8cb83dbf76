/** Envelopes and chunks of real-device data messages: round trips, and every bound refusing what breaks it. */
import { describe, expect, it } from 'vitest';
import { chunk, decodeEnvelope, encodeEnvelope, Reassembler, CHUNK_HEADER_BYTES } from '../../src/devices/wire';

describe('encodeEnvelope / decodeEnvelope', () => {
  it('round-trips a header, tensors of several dtypes and model bytes, each tensor in a buffer of its own', () => {
    const f = { dtype: 'float32' as const, dims: [1, 3], data: new Float32Array([1.5, -2, 3]) };
    const i = { dtype: 'int64' as const, dims: [2], data: new BigInt64Array([5n, -7n]) };
    const model = new Uint8Array([8, 0, 1, 2]);
    const bytes = encodeEnvelope({ header: { p: { type: 'tensor', epoch: 2, requestId: 9, bytes: 28 } }, parts: [f, i, model] });
    const decoded = decodeEnvelope(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.header).toEqual({ p: { type: 'tensor', epoch: 2, requestId: 9, bytes: 28 } });
    const [df, di, dm] = decoded.value.parts;
    expect(df).toEqual(f);
    expect(di).toEqual(i);
    expect(dm).toEqual(model);
    expect((df as typeof f).data.byteOffset).toBe(0);
  });

  it('refuses a short message, a huge header, a lying part length, dims that do not match, an unknown dtype and trailing bytes', () => {
    const good = encodeEnvelope({ header: {}, parts: [{ dtype: 'float32', dims: [2], data: new Float32Array(2) }] });
    const header = (h: unknown, rest = new Uint8Array(0)) => {
      const text = new TextEncoder().encode(JSON.stringify(h));
      const out = new Uint8Array(4 + text.byteLength + rest.byteLength);
      new DataView(out.buffer).setUint32(0, text.byteLength);
      out.set(text, 4);
      out.set(rest, 4 + text.byteLength);
      return out;
    };
    const huge = new Uint8Array(8);
    new DataView(huge.buffer).setUint32(0, 2 ** 31);
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(2), /shorter/],
      [huge, /header length/],
      [header('not an object'), /parts list/],
      [header({ parts: [{ n: 100 }] }), /part length/],
      [header({ parts: [{ n: 8, dtype: 'float32', dims: [3] }] }, new Uint8Array(8)), /size does not match/],
      [header({ parts: [{ n: 8, dtype: 'string', dims: [2] }] }, new Uint8Array(8)), /dtype or dims/],
      [header({ parts: [{ n: 8, dtype: 'float32', dims: [2] }] }, new Uint8Array(9)), /after its parts/],
      [new Uint8Array([...good.subarray(0, 4), ...new TextEncoder().encode('x'), ...good.subarray(5)]), /not JSON/],
    ];
    for (const [bytes, reason] of cases) {
      const decoded = decodeEnvelope(bytes);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.reason).toMatch(reason);
    }
  });
});

describe('chunk / Reassembler', () => {
  const message = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);

  it('cuts a message into chunks within the size and puts it together again', () => {
    const chunks = chunk(7, message, 1024);
    expect(chunks.length).toBe(Math.ceil(10_000 / (1024 - CHUNK_HEADER_BYTES)));
    expect(chunks.every((c) => c.byteLength <= 1024)).toBe(true);
    const r = new Reassembler(1024);
    const results = chunks.map((c) => r.add(c));
    expect(results.slice(0, -1).every((x) => x === null)).toBe(true);
    expect(results.at(-1)).toEqual({ ok: true, value: message });
  });

  it('refuses chunks out of order, over the chunk size, with a bad header, or a message over the cap', () => {
    const chunks = chunk(1, message, 1024);
    const r = new Reassembler(1024);
    expect(r.add(chunks[1])).toMatchObject({ ok: false, reason: /out of order/ });
    expect(r.add(chunks[0])).toBeNull();
    expect(r.add(chunks[2])).toMatchObject({ ok: false, reason: /out of order/ });
    expect(new Reassembler(512).add(chunks[0])).toMatchObject({ ok: false });
    expect(r.add(new Uint8Array([9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toMatchObject({ ok: false, reason: /header/ });
    const liar = chunk(2, new Uint8Array(10), 1024)[0];
    new DataView(liar.buffer).setUint32(9, 2 ** 31);
    expect(r.add(liar)).toMatchObject({ ok: false, reason: /size cap/ });
  });

  it('holds at most 8 half-received messages from one sender', () => {
    const r = new Reassembler(1024);
    for (let id = 1; id <= 8; id++) expect(r.add(chunk(id, message, 1024)[0])).toBeNull();
    expect(r.add(chunk(9, message, 1024)[0])).toMatchObject({ ok: false, reason: /too many/ });
  });
});
