import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

/** The TypeScript files directly in `dir` (each nested folder is checked on its own, below). */
function files(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => !statSync(path).isDirectory() && path.endsWith('.ts'));
}

/** The pure core, folder by folder, nested ones included: it must run unchanged in Node, the page and Web Workers. */
const PURE = ['model', 'model/shapes', 'model/zoo', 'planner', 'planner/paper', 'netsim', 'emulator', 'util', 'session', 'devices'];

const FORBIDDEN: [RegExp, string][] = [
  [/from ['"]node:|require\(|from ['"](fs|path|os|url|worker_threads|child_process)['"]/, 'a Node module'],
  [/\bprocess\.(env|argv|exit|stdout|stderr)/, 'the Node process object'],
  [/\bdocument\.|\bwindow\.(location|document|addEventListener|requestAnimationFrame)|\blocalStorage\b|\bnavigator\.|\bHTML\w*Element\b/, 'the DOM'],
  [/from ['"]svelte|\.svelte['"]/, 'Svelte'],
  [/new Worker\(|postMessage\(|from ['"]comlink/, 'workers'],
  [/from ['"](\.\.\/)+(ui|workers|cli|server|deploy)\//, 'the UI, workers, CLI, server or deploy'],
  [/Math\.random\(|Date\.now\(/, 'unseeded randomness or the wall clock'],
];

describe('layering', () => {
  for (const area of PURE) {
    it(`src/${area} exists and uses no Node modules, DOM, Svelte, workers, outer layers, Math.random or Date.now`, () => {
      const dir = join(src, area);
      // a folder the layering expects must be there: a rename would otherwise leave it unchecked
      expect(existsSync(dir), `src/${area} is missing: update the layering test if it moved`).toBe(true);
      const sources = files(dir);
      expect(sources.length, `src/${area} has no TypeScript files`).toBeGreaterThan(0);
      const offences: string[] = [];
      for (const file of sources) {
        const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const [pattern, what] of FORBIDDEN) if (pattern.test(text)) offences.push(`${relative(src, file)} uses ${what}`);
      }
      expect(offences).toEqual([]);
    });
  }

  it('every folder under the pure core is in the list above (a new one is checked too)', () => {
    const nested = PURE.flatMap((area) =>
      readdirSync(join(src, area))
        .filter((name) => statSync(join(src, area, name)).isDirectory())
        .map((name) => `${area}/${name}`),
    );
    expect(nested.filter((folder) => !PURE.includes(folder))).toEqual([]);
  });
});
