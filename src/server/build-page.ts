/**
 * Makes sure the built page exists before serving it: when dist/index.html is missing, runs the project's build
 * (copy the zoo models, then `vite build`) in a child process, its output on stderr and progress in between.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../cli/command';
import { errors } from '../errors';

/** One build step: a script run with this Node binary, from the project root. */
export type BuildStep = { label: string; script: string; args: string[] };

export const PAGE_BUILD: BuildStep[] = [
  { label: 'copying the zoo models', script: 'scripts/copy-models.mjs', args: [] },
  { label: 'vite build', script: 'node_modules/vite/bin/vite.js', args: ['build'] },
];

const WAIT_FOR_OTHER_BUILD_MS = 180_000;
/** A lock older than this belongs to a build that died. */
const STALE_LOCK_MS = 600_000;

/**
 * Builds the page into `<root>/dist` unless it is there; returns whether it built. Two processes starting at once
 * (two `serve`s, or tests running side by side) do not build over each other: the second waits for the first.
 */
export async function ensurePage(root: string, io: CliIO, steps: BuildStep[] = PAGE_BUILD): Promise<boolean> {
  const index = join(root, 'dist', 'index.html');
  if (existsSync(index)) return false;
  const lock = join(tmpdir(), `seifer-lab-build-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.lock`);
  if (!takeLock(lock)) {
    io.err('seifer-lab serve: another process is building the page; waiting for it.');
    const deadline = Date.now() + WAIT_FOR_OTHER_BUILD_MS;
    while (!existsSync(index) && existsSync(lock) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    if (existsSync(index)) return false;
    throw errors.pageBuild(`another build (lock ${lock}) did not finish in ${WAIT_FOR_OTHER_BUILD_MS / 1000} s`);
  }
  try {
    io.err(`seifer-lab serve: ${join(root, 'dist')} has no built page; building it (once).`);
    for (const [i, step] of steps.entries()) {
      io.progress('building the page', i / steps.length);
      await runStep(root, step, io);
    }
    io.progress('building the page', 1);
    if (!existsSync(index)) throw errors.pageBuild('the build finished but wrote no dist/index.html');
    return true;
  } finally {
    unlinkSync(lock);
  }
}

function takeLock(lock: string): boolean {
  if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock);
  try {
    closeSync(openSync(lock, 'wx'));
    return true;
  } catch {
    return false;
  }
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
