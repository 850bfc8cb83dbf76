import type { Command } from '../command';
import { benchCommand } from './bench';

/** Every command, in the order `seifer-lab help` lists them. */
export const commands: Command[] = [benchCommand];
