/**
 * Makes sure the built page exists before serving it: when dist/index.html is missing, runs the project's build
 * (copy the zoo models, then `vite build`) in a child process, its output on stderr and progress in between.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from '../cli/command';
import { errors } from '../errors';

/** One build step: a script run with this Node binary, from the project root. */
export type BuildStep = { label: string; script: string; args: string[] };

export const PAGE_BUILD: BuildStep[] = [
  { label: 'copying the zoo models', script: 'scripts/copy-models.mjs', args: [] },
  { label: 'vite build', script: 'node_modules/vite/bin/vite.js', args: ['build'] },
];

/** Builds the page into `<root>/dist` unless it is there; returns whether it built. */
export async function ensurePage(root: string, io: CliIO, steps: BuildStep[] = PAGE_BUILD): Promise<boolean> {
  if (existsSync(join(root, 'dist', 'index.html'))) return false;
  io.err(`seifer-lab serve: ${join(root, 'dist')} has no built page; building it (once).`);
  for (const [index, step] of steps.entries()) {
    io.progress('building the page', index / steps.length);
    await runStep(root, step, io);
  }
  io.progress('building the page', 1);
  if (!existsSync(join(root, 'dist', 'index.html'))) throw errors.pageBuild('the build finished but wrote no dist/index.html');
  return true;
}

function runStep(root: string, step: BuildStep, io: CliIO): Promise<void> {
  const path = join(root, step.script);
  if (!existsSync(path)) return Promise.reject(errors.pageBuild(`${step.label} needs ${step.script}, which is missing (run npm ci first)`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path, ...step.args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) io.err(`  ${step.label}: ${line}`);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) => reject(errors.pageBuild(`${step.label} did not start: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(errors.pageBuild(`${step.label} exited with code ${code}`))));
  });
}
