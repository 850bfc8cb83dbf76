import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS, withLimits } from '../../src/server/limits';
import { parseClientMessage } from '../../src/session/messages';

const limits = withLimits();
const parse = (value: unknown, expect: 'hello' | 'session' = 'session') => parseClientMessage(typeof value === 'string' ? value : JSON.stringify(value), expect, limits);

describe('parseClientMessage', () => {
  test('accepts each documented message', () => {
    const good: [unknown, 'hello' | 'session'][] = [
      [{ type: 'open' }, 'hello'],
      [{ type: 'host', session: '7QK2-M9XD-4HRT-0BWE', token: 'abc_-' }, 'hello'],
      [{ type: 'join', session: '7qk2m9xd4hrt0bwe', label: 'Pixel 7 (Chrome)', cores: 8, memoryGiB: 0.5, device: 'browser' }, 'hello'],
      [{ type: 'attach', session: 'x', peer: 'm3', token: 't' }, 'hello'],
      [{ type: 'signal', to: 'm2', data: { description: { type: 'offer', sdp: 'v=0\r\n' } } }, 'session'],
      [{ type: 'signal', to: 'host', data: { candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } } }, 'session'],
      [{ type: 'signal', to: 'host', data: { candidate: null } }, 'session'],
      [{ type: 'node', to: 'host', body: { kind: 'result', values: [1, 2, [3, { a: null }]] } }, 'session'],
      [{ type: 'leave' }, 'session'],
      [{ type: 'kick', member: 'm1' }, 'session'],
      [{ type: 'end' }, 'session'],
    ];
    for (const [message, expect_] of good) expect(parse(message, expect_), JSON.stringify(message)).toMatchObject({ ok: true });
  });

  test('refuses each kind of bad message with a reason that names the field', () => {
    const bad: [unknown, string][] = [
      ['{"type":', 'malformed JSON'],
      [[1, 2], 'expected a message of type'],
      [{ type: 'open' }, 'expected a message of type'], // a hello inside a session
      [{ type: 'node', to: 'host', body: [] }, 'node.body must be an object'],
      [{ type: 'node', to: 'host', body: {}, from: 'm2' }, "unexpected key 'from'"],
      [{ type: 'node', to: 'm1;x', body: {} }, 'node.to has the wrong format'],
      [{ type: 'node', to: 'host', body: JSON.parse('{"__proto__": {"polluted": true}}') }, "reserved key '__proto__'"],
      [{ type: 'node', to: 'host', body: { ['k'.repeat(65)]: 1 } }, 'key longer than 64'],
      [{ type: 'node', to: 'host', body: { list: Array.from({ length: 5000 }, () => 0) } }, `more than ${DEFAULT_LIMITS.maxJsonValues} values`],
      [{ type: 'signal', to: 'm2', data: { description: { type: 'offer', sdp: 'x'.repeat(40_000) } } }, 'sdp must have'],
      [{ type: 'signal', to: 'm2', data: { description: { type: 'offer', sdp: '' }, candidate: null } }, "unexpected key 'candidate'"],
      [{ type: 'signal', to: 'm2', data: { script: 'alert(1)' } }, "unexpected key 'script'"],
      [{ type: 'kick', member: 'host' }, 'kick.member has the wrong format'],
    ];
    for (const [message, reason] of bad) {
      const parsed = parse(message);
      expect(parsed.ok, JSON.stringify(message).slice(0, 60)).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain(reason);
    }
    expect(parse({ type: 'join', session: 'x', cores: 2.5 }, 'hello')).toMatchObject({ ok: false, reason: expect.stringContaining('join.cores') });
    expect(parse({ type: 'join', session: 'x', label: '<img src=x onerror=alert(1)>\u0007' }, 'hello')).toMatchObject({ ok: false, reason: expect.stringContaining('control characters') });
  });
});
