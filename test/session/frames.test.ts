import { describe, expect, test } from 'vitest';
import { decodeFrame, encodeFrame } from '../../src/session/frames';

describe('encodeFrame / decodeFrame', () => {
  test('round-trips the peer id and the payload, the payload a view without a copy', () => {
    const frame = encodeFrame('m12', new Uint8Array([1, 2, 3]));
    expect([...frame]).toEqual([1, 3, 0x6d, 0x31, 0x32, 1, 2, 3]);
    const decoded = decodeFrame(frame, 16);
    expect(decoded).toMatchObject({ ok: true, peer: 'm12' });
    if (decoded.ok) expect(decoded.payload.buffer).toBe(frame.buffer);
    expect(decodeFrame(encodeFrame('host', new Uint8Array(0)), 0)).toMatchObject({ ok: true, peer: 'host' });
  });

  test('refuses a wrong version, a bad id length, an id that is no peer id and an oversized payload', () => {
    expect(decodeFrame(new Uint8Array([]), 16).ok).toBe(false);
    expect(decodeFrame(new Uint8Array([2, 2, 0x6d, 0x31]), 16).ok).toBe(false);
    expect(decodeFrame(new Uint8Array([1, 0]), 16).ok).toBe(false);
    expect(decodeFrame(new Uint8Array([1, 9, 0x6d]), 16).ok).toBe(false);
    expect(decodeFrame(new Uint8Array([1, 2, 0x6d, 0x30]), 16).ok).toBe(false); // m0
    expect(decodeFrame(new Uint8Array([1, 2, 0x6d, 0x2f]), 16).ok).toBe(false); // m/
    expect(decodeFrame(encodeFrame('m1', new Uint8Array(17)), 16)).toMatchObject({ ok: false, reason: expect.stringContaining('16 bytes') });
    expect(() => encodeFrame('../m1', new Uint8Array(1))).toThrow(RangeError);
  });
});
