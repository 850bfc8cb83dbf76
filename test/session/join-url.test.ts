import { describe, expect, test } from 'vitest';
import { hostUrl, joinUrl, parseJoinUrl } from '../../src/session/join-url';

describe('parseJoinUrl', () => {
  test('reads the WebSocket URL and the code from a join link, http and https', () => {
    expect(parseJoinUrl(joinUrl('http://192.168.1.5:8080', '7QK2-M9XD-4HRT-0BWE'))).toEqual({ sessionUrl: 'ws://192.168.1.5:8080/session', code: '7QK2-M9XD-4HRT-0BWE' });
    expect(parseJoinUrl('https://lab.example:443/#join=7qk2m9xd4hrt0bwe')).toEqual({ sessionUrl: 'wss://lab.example/session', code: '7QK2-M9XD-4HRT-0BWE' });
    expect(parseJoinUrl('http://[::1]:8080/#join=7QK2-M9XD-4HRT-0BWE')?.sessionUrl).toBe('ws://[::1]:8080/session');
  });

  test('refuses links without a valid code, other schemes and non-URLs; a host link is no join link', () => {
    for (const bad of ['http://x:8080/', 'http://x:8080/#join=short', 'ftp://x/#join=7QK2-M9XD-4HRT-0BWE', 'not a url', hostUrl('http://x:8080', '7QK2-M9XD-4HRT-0BWE', 'token')]) {
      expect(parseJoinUrl(bad), bad).toBeNull();
    }
  });
});
