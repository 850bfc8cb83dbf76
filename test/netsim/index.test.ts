import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as netsim from '../../src/netsim/index';

const dir = join(import.meta.dirname, '../../src/netsim');

describe('netsim/index', () => {
  it('index re-exports the clocks, the delivery model, the world builders and Network', () => {
    for (const name of ['realClock', 'createRealClock', 'VirtualClock', 'ScaledClock', 'Network', 'createWorld', 'validateWorld', 'nodeId', 'planTransmission', 'deliverAtMs', 'serializationMs']) {
      expect(netsim, name).toHaveProperty(name);
    }
  });

  it('src/netsim imports nothing but itself, src/util and src/errors (it must run in pages, workers and Node)', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    let importCount = 0;
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      const imports = [...source.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'|\bimport\('([^']+)'\)/gm)].map((m) => (m[1] ?? m[2])!);
      importCount += imports.length;
      for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/|^\.\.\/util\/|^\.\.\/errors$/);
      expect(source, `${file} uses Math.random`).not.toMatch(/Math\.random|Date\.now/);
      expect(source, `${file} touches the DOM`).not.toMatch(/\b(document|window|navigator)\.[a-zA-Z]/);
    }
    expect(importCount).toBeGreaterThan(15); // the pattern really finds the imports
  });
});
