import { describe, expect, it } from 'vitest';
import { NodeHealth } from '../../src/emulator/node-health';

const status = (slowestRunMs = 0) => ({ busyMs: 0, queued: 0, hostBound: false, slowestRunMs, stageEpoch: 1 });

describe('NodeHealth', () => {
  it('overdue(now) lists nodes silent for missedHeartbeats periods', () => {
    const h = new NodeHealth(['a', 'b'], 250, 3);
    h.start(0);
    h.answered('a', 600, status());
    expect(h.overdue(760)).toEqual(['b']);
  });

  it('stretches the deadline for a node whose inference runs long', () => {
    const h = new NodeHealth(['a'], 250, 3);
    h.start(0);
    h.answered('a', 0, status(1000));
    expect(h.overdue(2000)).toEqual([]);
    expect(h.overdue(3100)).toEqual(['a']);
  });

  it('answered() says when a node given up for dead is back', () => {
    const h = new NodeHealth(['a'], 250, 3);
    expect(h.markDead('a')).toBe(true);
    expect(h.markDead('a')).toBe(false);
    expect(h.dead()).toEqual(['a']);
    expect(h.answered('a', 5, status())).toBe('back');
    expect(h.answered('a', 6, status())).toBe('alive');
    expect(h.answered('zz', 6, status())).toBe('unknown');
  });
});
