import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/ui/lab/default-scenario';
import { LESSONS } from '../../src/ui/lab/lessons';
import { scenarioFromHash, scenarioToHash } from '../../src/ui/lab/scenario-url';

const base = defaultScenario();

describe('lessons', () => {
  it('each opens from #lesson=<id> with every field good, in virtual mode, with notes', () => {
    for (const lesson of LESSONS) {
      const parsed = scenarioFromHash(`lesson=${lesson.id}`, base);
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(parsed.dropped, lesson.id).toEqual([]);
      expect(parsed.scenario.mode).toBe('virtual');
      expect(parsed.scenario.notes?.length).toBeGreaterThan(20);
      expect(parsed.scenario.links).toHaveLength(parsed.scenario.nodes.length + 1);
    }
  });

  it("lets the link's other fields apply over the lesson, and names an unknown lesson", () => {
    const slow = scenarioFromHash('lesson=recovery&ts=2', base);
    expect(slow.ok && slow.scenario.timeScale).toBe(2);
    expect(slow.ok && slow.scenario.faults).toEqual([
      { kind: 'kill', node: 'n2', atSec: 12 },
      { kind: 'revive', node: 'n2', atSec: 40 },
    ]);
    const unknown = scenarioFromHash('lesson=nope&seed=3', base);
    expect(unknown.ok && unknown.dropped[0].message).toContain("lesson is 'nope', expected one of split");
    expect(unknown.ok && unknown.scenario.seed).toBe(3);
  });

  it('carries the fault timeline, the notes and the closed-loop window through a share link', () => {
    const lesson = scenarioFromHash('lesson=recovery', base);
    if (!lesson.ok) throw new Error('lesson');
    const scenario = {
      ...lesson.scenario,
      load: { mode: 'closed' as const, window: 3 },
      faults: [...(lesson.scenario.faults ?? []), { kind: 'degrade' as const, from: 'n1', to: 'n3', both: true, atSec: 5.5, factor: 4 }],
    };
    const back = scenarioFromHash(scenarioToHash(scenario), base);
    expect(back.ok && back.dropped).toEqual([]);
    expect(back.ok && back.scenario).toEqual(scenario);
  });

  it('leaves out a bad timeline, saying why', () => {
    for (const [faults, why] of [
      ['kill:n9@5', 'n9 is not one'],
      ['explode:n1@2', 'KIND one of kill'],
      ['kill:n1', 'KIND:TARGET@SECONDS'],
      [Array.from({ length: 101 }, () => 'kill:n1@1').join(','), 'at most 100'],
    ]) {
      const parsed = scenarioFromHash(`faults=${faults}`, base);
      expect(parsed.ok && parsed.dropped.map((e) => e.message).join(' '), faults).toContain(why);
      expect(parsed.ok && parsed.scenario.faults).toBeUndefined();
    }
    const long = scenarioFromHash(`notes=${'x'.repeat(2001)}`, base);
    expect(long.ok && long.dropped[0].message).toContain('at most 2000 characters');
  });

  it('are linked from the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const lesson of LESSONS) expect(readme, lesson.id).toContain(`#lesson=${lesson.id})`);
  });
});
