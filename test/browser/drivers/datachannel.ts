/**
 * Driver (runs inside a network namespace, test/helpers/netns.ts): two Chromium contexts, signalled by this
 * process, open an RTCDataChannel to each other and send bytes through it; returns the ICE candidates both sides
 * offered and the bytes received, so the test can check the channel opened on the namespace's address only.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../../helpers/chromium';
import { driverMain, NETNS_CHROMIUM_FLAGS, say } from '../../helpers/netns-driver';

export interface ChannelCheck {
  bytesReceived: number;
  /** The candidate lines of the offer and the answer. */
  candidates: string[];
  openMs: number;
}

/** A complete description (no trickle: one message each way keeps a test's signalling simple). */
async function describe(page: Page, remote: RTCSessionDescriptionInit | null): Promise<RTCSessionDescriptionInit> {
  return page.evaluate(async (remote) => {
    const pc = new RTCPeerConnection();
    const received = { bytes: 0 };
    Object.assign(window, { pc, received });
    if (remote) {
      pc.addEventListener('datachannel', (e) => e.channel.addEventListener('message', (m) => (received.bytes += (m.data as ArrayBuffer).byteLength)));
      await pc.setRemoteDescription(remote);
      await pc.setLocalDescription(await pc.createAnswer());
    } else {
      Object.assign(window, { channel: pc.createDataChannel('probe') });
      await pc.setLocalDescription(await pc.createOffer());
    }
    await new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error(`ICE gathering did not complete within 15 s (${pc.iceGatheringState})`)), 15_000);
      if (pc.iceGatheringState === 'complete') resolve();
      else pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
    });
    return pc.localDescription!.toJSON() as RTCSessionDescriptionInit;
  }, remote);
}

const candidateLines = (d: RTCSessionDescriptionInit) => (d.sdp ?? '').split(/\r?\n/).filter((line) => line.startsWith('a=candidate'));

driverMain(async (input: { bytes: number }): Promise<ChannelCheck> => {
  const browser = await launchChromium(NETNS_CHROMIUM_FLAGS);
  try {
    const [a, b] = await Promise.all([browser.newContext().then((c) => c.newPage()), browser.newContext().then((c) => c.newPage())]);
    say('two contexts open; signalling');
    const offer = await describe(a, null);
    const answer = await describe(b, offer);
    const started = performance.now();
    await a.evaluate(
      async ({ answer, bytes }) => {
        const { pc, channel } = window as unknown as { pc: RTCPeerConnection; channel: RTCDataChannel };
        await pc.setRemoteDescription(answer);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the data channel did not open within 30 s (ICE ${pc.iceConnectionState})`)), 30_000);
          channel.addEventListener('open', () => (clearTimeout(timer), resolve()));
        });
        const chunk = new Uint8Array(64 * 1024);
        for (let sent = 0; sent < bytes; sent += chunk.byteLength) channel.send(chunk);
      },
      { answer, bytes: input.bytes },
    );
    const openMs = performance.now() - started;
    await b.waitForFunction((bytes) => (window as unknown as { received: { bytes: number } }).received.bytes >= bytes, input.bytes, { timeout: 30_000 });
    const bytesReceived = await b.evaluate(() => (window as unknown as { received: { bytes: number } }).received.bytes);
    say(`received ${bytesReceived} bytes`);
    return { bytesReceived, candidates: [...candidateLines(offer), ...candidateLines(answer)], openMs };
  } finally {
    await browser.close();
  }
});
