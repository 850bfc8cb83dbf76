/**
 * Real devices (docs/design.md, "Session service"): browsers and node processes joining a session over WebRTC and
 * the relay. Every WebRTC check runs inside a network namespace the test creates (test/helpers/netns.ts), because
 * Chromium gathers no loopback candidates and a test's traffic must not leave the machine.
 */
import { describe, expect, test } from 'vitest';
import type { ChannelCheck } from './drivers/datachannel';
import { runInNetns } from '../helpers/netns';
import { NETNS_ADDRESS } from '../helpers/netns-driver';

describe('real devices', () => {
  test('two Chromium contexts open a data channel inside the test namespace, on its own address only', async () => {
    const result = await runInNetns<ChannelCheck>('test/browser/drivers/datachannel.ts', { bytes: 1 << 20 }, { timeoutMs: 60_000 });
    expect(result.bytesReceived).toBe(1 << 20);
    expect(result.candidates.length).toBeGreaterThan(0);
    for (const line of result.candidates) expect(line.split(' ')[4], line).toBe(NETNS_ADDRESS);
  });
});
