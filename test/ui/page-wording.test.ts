import { describe, expect, it } from 'vitest';
import { errors } from '../../src/errors';
import { pageWording } from '../../src/ui/lab/page-wording';

describe('pageWording(message)', () => {
  it("names the page's controls instead of command-line flags", () => {
    const refusal = errors.outOfRange('optimal', '13 nodes', 'Use --algorithm best: it is exact within this range.').message;
    expect(pageWording(refusal)).toBe('The optimal planner does not take this instance: 13 nodes (algorithm optimal). Pick best in the Algorithm menu: it is exact within this range.');
    const shape = errors.unresolvedShape('x', '[batch, time]', 'x=1x128').message;
    expect(pageWording(shape)).toBe("Input 'x' has the shape [batch, time] with dimensions that are not fixed (graph input 'x'). Give its sizes in the Input shapes form.");
  });

  it('leaves other messages as they are', () => {
    expect(pageWording('The file is empty (0 bytes).')).toBe('The file is empty (0 bytes).');
  });
});
