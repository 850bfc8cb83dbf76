/**
 * Binary data frames (tensors over the relay path): [version 1][id length n][n ASCII bytes of a peer id][payload].
 * A peer writes the destination's id; the server rewrites it to the sender's id before relaying, so the receiver
 * learns who sent the frame and no peer can claim another's id (docs/design.md, "Session service").
 */
import { PEER_ID, type PeerId } from './messages';

export const FRAME_VERSION = 1;

export function encodeFrame(peer: PeerId, payload: Uint8Array): Uint8Array {
  if (!PEER_ID.test(peer)) throw new RangeError(`'peer' must be 'host' or a member id like m1, got '${peer}'`);
  const frame = new Uint8Array(2 + peer.length + payload.byteLength);
  frame[0] = FRAME_VERSION;
  frame[1] = peer.length;
  for (let i = 0; i < peer.length; i++) frame[2 + i] = peer.charCodeAt(i);
  frame.set(payload, 2 + peer.length);
  return frame;
}

export type DecodedFrame = { ok: true; peer: PeerId; payload: Uint8Array } | { ok: false; reason: string };

/** Reads a frame's header; the payload is a view into `frame`, not a copy. */
export function decodeFrame(frame: Uint8Array, maxPayloadBytes: number): DecodedFrame {
  if (frame.byteLength < 2 || frame[0] !== FRAME_VERSION) return { ok: false, reason: `binary frame must start with version ${FRAME_VERSION}` };
  const length = frame[1];
  if (length < 1 || length > 7 || frame.byteLength < 2 + length) return { ok: false, reason: 'binary frame has a bad peer id length' };
  const peer = String.fromCharCode(...frame.subarray(2, 2 + length));
  if (!PEER_ID.test(peer)) return { ok: false, reason: 'binary frame names no valid peer id' };
  const payload = frame.subarray(2 + length);
  if (payload.byteLength > maxPayloadBytes) return { ok: false, reason: `binary frame payload is over ${maxPayloadBytes} bytes` };
  return { ok: true, peer, payload };
}
