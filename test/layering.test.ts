import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The pure core must run unchanged in Node, the page and Web Workers. */
const FORBIDDEN: [RegExp, string][] = [
  [/from ['"]node:|require\(|from ['"](fs|path|os|url|worker_threads|child_process)['"]/, 'a Node module'],
  [/\bprocess\.(env|argv|exit|stdout|stderr)/, 'the Node process object'],
  [/\bdocument\.|\bwindow\.(location|document|addEventListener|requestAnimationFrame)|\blocalStorage\b|\bnavigator\.|\bHTML\w*Element\b/, 'the DOM'],
  [/from ['"]svelte|\.svelte['"]/, 'Svelte'],
  [/new Worker\(|postMessage\(|from ['"]comlink/, 'workers'],
  [/from ['"]\.\.\/(ui|workers|cli|server|deploy)\//, 'the UI, workers, CLI, server or deploy'],
  [/Math\.random\(|Date\.now\(/, 'unseeded randomness or the wall clock'],
];

describe('layering', () => {
  for (const area of ['model', 'planner', 'netsim', 'emulator', 'util', 'session']) {
    it(`src/${area} uses no Node modules, DOM, Svelte, workers, Math.random or Date.now`, () => {
      let dir: string;
      try {
        dir = join(src, area);
        statSync(dir);
      } catch {
        return; // the area does not exist yet
      }
      const offences: string[] = [];
      for (const file of files(dir)) {
        const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const [pattern, what] of FORBIDDEN) if (pattern.test(text)) offences.push(`${relative(src, file)} uses ${what}`);
      }
      expect(offences).toEqual([]);
    });
  }
});
