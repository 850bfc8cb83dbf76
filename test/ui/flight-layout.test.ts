import { describe, expect, it } from 'vitest';
import { flightDots, hopPath, pointOnHop } from '../../src/ui/layout/flight-layout';

const hop = { x1: 0, y1: 0, x2: 100, y2: 0, inFlight: 2, periodMs: 1000 };

describe('pointOnHop(hop, t)', () => {
  it('starts and ends at the endpoints and bows to one side in between', () => {
    expect(pointOnHop(hop, 0)).toEqual([0, 0]);
    expect(pointOnHop(hop, 1)).toEqual([100, 0]);
    const [x, y] = pointOnHop(hop, 0.5);
    expect(x).toBeCloseTo(50, 6);
    expect(y).toBeGreaterThan(0);
    expect(pointOnHop({ ...hop, x1: 100, x2: 0 }, 0.5)[1]).toBeLessThan(0);
  });
});

describe('hopPath(x1, y1, x2, y2)', () => {
  it('is a quadratic curve between the endpoints', () => {
    expect(hopPath(0, 0, 100, 0)).toBe('M0.0,0.0 Q50.0,12.0 100.0,0.0');
  });
});

describe('flightDots(hops, nowMs)', () => {
  it('draws one dot per transfer in flight, evenly spaced, moving with time', () => {
    const at0 = flightDots([hop], 0);
    expect(at0).toHaveLength(2);
    expect(at0[0]).toEqual([0, 0]);
    expect(at0[1][0]).toBeCloseTo(50, 6);
    expect(flightDots([hop], 250)[0][0]).toBeGreaterThan(0);
    expect(flightDots([{ ...hop, inFlight: 0 }], 0)).toEqual([]);
    expect(flightDots([{ ...hop, inFlight: 40 }], 0, 6)).toHaveLength(6);
  });
});
