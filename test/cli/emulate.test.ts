import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('seifer-lab emulate', () => {
  it('--virtual reports the promised fields, with throughput as predicted', async () => {
    const { code, stdout } = await runCli('emulate', '--model', 'tiny-cnn', '--nodes', '4', '--memory', '1', '--gflops', '0.05', '--duration', '20', '--virtual', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['predictedThroughput', 'measuredThroughput', 'requests', 'completed', 'lost', 'duplicated', 'latencyMs', 'faults', 'hostBound']));
    expect(r.measuredThroughput / r.predictedThroughput).toBeCloseTo(1, 2);
    expect([r.lost, r.duplicated]).toEqual([0, 0]);
  });

  it('pauses when a kill leaves too little memory and resumes on --revive', async () => {
    // the tiny CNN needs about 0.51 MB: 3 nodes of 0.2 MB hold it, 2 do not
    const { stdout } = await runCli('emulate', '--model', 'tiny-cnn', '--nodes', '3', '--memory', '0.2', '--gflops', '0.05', '--duration', '20', '--virtual', '--kill', 'n2@5', '--revive', 'n2@12', '--json');
    const r = JSON.parse(stdout);
    expect(r.faults.map((f: { kind: string; outcome: string }) => `${f.kind}:${f.outcome}`)).toEqual(['kill:paused', 'revive:replanned']);
    expect([r.lost, r.duplicated, r.finalPhase]).toEqual([0, 0, 'running']);
  });

  it('rejects a fault on a node that does not exist', async () => {
    const { code, stderr } = await runCli('emulate', '--model', 'tiny-cnn', '--nodes', '3', '--memory', '1', '--virtual', '--kill', 'n9@5');
    expect(code).toBe(1);
    expect(stderr).toMatch(/--kill has the value 'n9', expected a node of the cluster \(n1, n2, n3\)/);
  });
});
