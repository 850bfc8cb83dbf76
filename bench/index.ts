import type { Command } from '../src/cli/command';
import { devicesBench } from './devices';
import { emulatorBench } from './emulator';
import { modelBench } from './model';
import { netsimBench } from './netsim';
import { paperBench } from './paper';
import { plannerBench } from './planner';
import { scaleBench } from './scale';
import { screenshotsBench } from './screenshots';
import { uiBench } from './ui';

/** Benchmark suites: `npm run bench -- <name>` or `seifer-lab bench <name>`. Each prints figures, never asserts timings. */
export const benchSuites: Command[] = [modelBench, netsimBench, paperBench, plannerBench, emulatorBench, scaleBench, uiBench, devicesBench, screenshotsBench];
