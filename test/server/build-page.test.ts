import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CliIO } from '../../src/cli/command';
import { SeiferError } from '../../src/errors';
import { ensurePage } from '../../src/server/build-page';

function recorder() {
  const lines: string[] = [];
  const progress: number[] = [];
  const io: CliIO = { out: (t) => void lines.push(t), err: (t) => void lines.push(t), progress: (_label, f) => void progress.push(f) };
  return { io, lines, progress };
}

function project(script: string): string {
  const root = mkdtempSync(join(tmpdir(), 'seifer-build-'));
  mkdirSync(join(root, 'scripts'));
  writeFileSync(join(root, 'scripts', 'build.mjs'), script);
  return root;
}

const step = [{ label: 'fake build', script: 'scripts/build.mjs', args: [] }];

describe('ensurePage', () => {
  test('runs the build in a child process when dist/index.html is missing, with its output and progress on stderr', async () => {
    const root = project("import { mkdirSync, writeFileSync } from 'node:fs'; mkdirSync('dist'); writeFileSync('dist/index.html', 'ok'); console.log('wrote dist');");
    const { io, lines, progress } = recorder();
    expect(await ensurePage(root, io, step)).toBe(true);
    expect(existsSync(join(root, 'dist', 'index.html'))).toBe(true);
    expect(lines).toContain('  fake build: wrote dist');
    expect(progress).toEqual([0, 1]);
    expect(await ensurePage(root, io, step)).toBe(false);
  });

  test('a second process starting while the first builds waits for that build instead of building over it', async () => {
    const root = project("import { mkdirSync, writeFileSync } from 'node:fs'; await new Promise((r) => setTimeout(r, 500)); mkdirSync('dist'); writeFileSync('dist/index.html', 'ok');");
    const [first, second] = [recorder(), recorder()];
    const built = await Promise.all([ensurePage(root, first.io, step), ensurePage(root, second.io, step)]);
    expect(built).toEqual([true, false]);
    expect(second.lines).toContain('seifer-lab serve: another process is building the page; waiting for it.');
    expect(second.progress).toEqual([]);
  });

  test('a failing build or one that writes nothing is a page-build error', async () => {
    const failing = project("console.error('boom'); process.exit(3);");
    await expect(ensurePage(failing, recorder().io, step)).rejects.toThrow(/Cannot build the page: fake build exited with code 3/);
    const silent = project('');
    await expect(ensurePage(silent, recorder().io, step)).rejects.toSatisfy((e) => e instanceof SeiferError && e.code === 'page-build' && /wrote no dist\/index.html/.test(e.message));
    await expect(ensurePage(silent, recorder().io, [{ label: 'x', script: 'missing.mjs', args: [] }])).rejects.toThrow(/missing.mjs, which is missing/);
  });
});
