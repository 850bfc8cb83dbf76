/**
 * What the UI bench injects into the page: a requestAnimationFrame counter and a long-task observer on the
 * main thread. Kept as source text: functions compiled by tsx carry helpers that do not exist in the page.
 */
export interface ProbeReading {
  elapsedMs: number;
  frames: number;
  longTasks: { startMs: number; durationMs: number }[];
  /** Longest gap between two frames. */
  worstFrameMs: number;
}

export const INSTALL_PROBE = `(() => {
  window.__uiObserver?.disconnect();
  const probe = { startMs: performance.now(), frames: 0, lastFrameMs: performance.now(), worstFrameMs: 0, longTasks: [] };
  window.__uiProbe = probe;
  window.__uiObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ startMs: entry.startTime - probe.startMs, durationMs: entry.duration });
  });
  window.__uiObserver.observe({ type: 'longtask' });
  const frame = (now) => {
    if (window.__uiProbe !== probe) return;
    probe.frames++;
    probe.worstFrameMs = Math.max(probe.worstFrameMs, now - probe.lastFrameMs);
    probe.lastFrameMs = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

export const READ_PROBE = `(() => {
  const probe = window.__uiProbe;
  return { elapsedMs: performance.now() - probe.startMs, frames: probe.frames, longTasks: probe.longTasks.slice(), worstFrameMs: probe.worstFrameMs };
})()`;

/**
 * A main-thread task of 120 ms, to check that the observer reports long tasks in this browser. It runs from a
 * timer: work done inside a DevTools evaluate call is not reported as a long task.
 */
export const BUSY_120_MS = `setTimeout(() => { const t = performance.now(); while (performance.now() - t < 120) {} }, 0)`;
