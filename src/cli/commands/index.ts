import type { Command } from '../command';
import { benchCommand } from './bench';
import { planCommand } from './plan';

/** Every command, in the order `seifer-lab help` lists them. */
export const commands: Command[] = [planCommand, benchCommand];
