import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('docs/screenshots', () => {
  it('holds every view at both sizes, each under 150 KB and linked from the README', () => {
    const files = readdirSync(dir);
    for (const view of ['cluster', 'model', 'metrics', 'compare', 'teach', 'edit', 'events', 'lesson'])
      for (const size of ['large', 'phone']) expect(files, `${view}-${size}`).toContain(`${view}-${size}.webp`);
    for (const file of files) {
      expect(statSync(`${dir}${file}`).size, file).toBeLessThanOrEqual(150 * 1024);
      expect(readme, file).toContain(`docs/screenshots/${file}`);
    }
  });
});
