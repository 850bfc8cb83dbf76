import type { Command } from '../command';
import { benchCommand } from './bench';
import { deployCommand } from './deploy';
import { emulateCommand } from './emulate';
import { inspectCommand } from './inspect';
import { modelsCommand } from './models';
import { nodeCommand } from './node';
import { planCommand } from './plan';
import { profileCommand } from './profile';
import { serveCommand } from './serve';
import { splitCommand } from './split';

/** Every command, in the order `seifer-lab help` lists them. */
export const commands: Command[] = [modelsCommand, inspectCommand, profileCommand, splitCommand, planCommand, emulateCommand, benchCommand, serveCommand, nodeCommand, deployCommand];
