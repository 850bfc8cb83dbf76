/**
 * Ready lessons for a class: each a scenario link (the same fields as any share link, scenario-fields.ts, plus a
 * scripted fault timeline and presenter notes), chosen so that its point shows on screen. `#lesson=<id>` opens one;
 * any other field in the same link overrides the lesson's (e.g. `#lesson=recovery&ts=2` in slow motion).
 */
import type { SeiferError } from '../../errors';
import { errors } from '../../errors';
import { readScenarioFields } from './scenario-fields';
import type { LabScenario } from './scenario-spec';

export interface Lesson {
  id: string;
  title: string;
  /** What to look at, in one line (shown in the list). */
  point: string;
  /** The scenario's fields, as in a share link. */
  fields: Record<string, string>;
}

const ESP = (id: string) => `${id}:esp32-s3:8:0.12`;
const FOUR_ESP = ['n1', 'n2', 'n3', 'n4'].map(ESP).join(',');
const VIRTUAL = { model: 'ppocr-cls', mseed: '1', mode: 'virtual', ts: '1', chaos: '0', load: 'closed', seed: '1', obj: 'full', jit: '0', loss: '0' };

/** SEIFER's lesson cluster: four microcontrollers on fast links between them, a Pi 4 whose links to them are slow. */
const MIXED_BW = [
  [1000, 50, 50, 50, 2, 100],
  [50, 1000, 50, 50, 2, 100],
  [50, 50, 1000, 50, 2, 100],
  [50, 50, 50, 1000, 2, 100],
  [2, 2, 2, 2, 1000, 100],
  [100, 100, 100, 100, 100, 1000],
]
  .map((row) => row.join(','))
  .join(';');

export const LESSONS: readonly Lesson[] = [
  {
    id: 'split',
    title: 'Why split at all',
    point: 'The model needs 9.6 MiB; each microcontroller has 8 MiB: no single node can hold it, so it runs in stages.',
    fields: {
      ...VIRTUAL,
      algo: 'best',
      nodes: FOUR_ESP,
      bw: '20',
      lat: '2',
      notes:
        'PP-OCR classifier (9.6 MiB with activations) on four ESP32-S3 boards of 8 MiB each. Point at a node card: its memory bar cannot hold the model. The model view shows the stages; the Teach tab walks through how SEIFER cuts it.',
    },
  },
  {
    id: 'bandwidth-fast',
    title: 'Bandwidth matters (fast links, 50 Mbit/s)',
    point: 'Same model, same nodes as the slow-link lesson: here compute is the bottleneck (about 83 ms a request).',
    fields: {
      ...VIRTUAL,
      algo: 'best',
      nodes: FOUR_ESP,
      bw: '50',
      lat: '2',
      notes: 'Four ESP32-S3 on 50 Mbit/s links. Note the throughput and the red bottleneck label (a stage). Then open the slow-link lesson: same model, same nodes, 1 Mbit/s.',
    },
  },
  {
    id: 'bandwidth-slow',
    title: 'Bandwidth matters (slow links, 1 Mbit/s)',
    point: 'Same model and nodes on 1 Mbit/s: the 108 KiB input alone takes about 0.9 s, and throughput falls tenfold.',
    fields: {
      ...VIRTUAL,
      algo: 'best',
      nodes: FOUR_ESP,
      bw: '1',
      lat: '2',
      notes:
        "The same cluster as before with 1 Mbit/s links. The bottleneck moves from compute to the dispatcher's link: every request's 108 KiB input must cross it, and no split can shrink the input.",
    },
  },
  {
    id: 'seifer-vs-optimum',
    title: 'SEIFER against the optimum',
    point: 'SEIFER (kpath) keeps to fast links between slow boards; the optimum puts the whole model on the Pi 4: about 16 times faster.',
    fields: {
      ...VIRTUAL,
      algo: 'kpath',
      nodes: `${FOUR_ESP},n5:pi4:4096:8`,
      bw: MIXED_BW,
      lat: '2',
      notes:
        "Running: SEIFER's own K-path plan. It sizes every partition for the smallest node (8 MiB) and places by bandwidth alone, so it chains the ESP32 boards (fast links between them) and never looks at compute: the Pi 4 (8 GFLOPS, 66 times faster) sits idle behind its slow links. Open Compare (kpath against optimal) or Teach step 6 for the figures.",
    },
  },
  {
    id: 'recovery',
    title: 'Failure and recovery (compute-bound)',
    point: 'Three boards share the compute; n2 is killed at 12 s and comes back at 40 s: predicted and measured throughput drop, then recover.',
    fields: {
      ...VIRTUAL,
      algo: 'best',
      nodes: ['n1', 'n2', 'n3'].map(ESP).join(','),
      bw: '20',
      lat: '2',
      faults: 'kill:n2@12,revive:n2@40',
      notes:
        'The bottleneck is compute, so losing a board matters: at 12 s n2 is killed (scripted). Watch the Metrics tab: the dispatcher notices, re-plans on two boards, redeploys and resends; predicted and measured throughput fall by about a third, with nothing lost or duplicated. At 40 s n2 comes back. Restart replays the timeline.',
    },
  },
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** The lesson's link (its hash without '#'). */
export function lessonLink(lesson: Lesson): string {
  return `lesson=${lesson.id}`;
}

/** The lesson's scenario over `base` (a lesson sets its own faults and notes, or none). */
export function lessonScenario(id: string, base: LabScenario): { ok: true; scenario: LabScenario } | { ok: false; error: SeiferError } {
  const lesson = findLesson(id);
  if (!lesson)
    return {
      ok: false,
      error: errors.badScenarioField('lesson', id, `one of ${LESSONS.map((l) => l.id).join(', ')}`),
    };
  const { scenario } = readScenarioFields((key) => lesson.fields[key], { ...base, faults: undefined, notes: undefined, positions: null });
  return { ok: true, scenario };
}
