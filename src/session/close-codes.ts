/**
 * Why the server closes a connection: WebSocket close codes in the application range 4000-4999 (1000 for a
 * clean leave, 1009 from ws itself for a message over maxPayload). Pages show the reason; tests assert the code.
 */
export const CLOSE = {
  left: { code: 1000, reason: 'left the session' },
  sessionEnded: { code: 4000, reason: 'the session ended' },
  replaced: { code: 4002, reason: 'replaced by a newer connection with the same token' },
  kicked: { code: 4003, reason: 'removed by the host' },
  notRecognised: { code: 4004, reason: 'no session with this code, or a wrong token' },
  helloTimeout: { code: 4005, reason: 'no open, host, join or attach message in time' },
  sessionFull: { code: 4006, reason: 'the session is full' },
  serverFull: { code: 4007, reason: 'the server is full' },
  rateLimited: { code: 4008, reason: 'too many messages or bytes per second' },
  slowReader: { code: 4009, reason: 'too many bytes queued: the connection reads too slowly' },
  badMessage: { code: 4010, reason: 'bad message' },
  tooLarge: { code: 4011, reason: 'message too large' },
  badFrame: { code: 4012, reason: 'bad binary frame' },
  sessionExpired: { code: 4013, reason: 'the session ended: its host was gone too long' },
} as const;

export type CloseKind = keyof typeof CLOSE;

/** A close reason must fit in 123 bytes of UTF-8; details are cut to fit. */
export function closeReason(kind: CloseKind, detail?: string): string {
  const base = CLOSE[kind].reason;
  const full = detail ? `${base}: ${detail}` : base;
  const bytes = new TextEncoder().encode(full);
  return bytes.length <= 123 ? full : `${new TextDecoder().decode(bytes.subarray(0, 120)).replace(/\uFFFD$/, '')}...`;
}
