// The documents' words (texts/) sit just above the engine. Data flows read → compute → ledger → write (fetch, above them all, asks DST and reads and writes what it answers): each layer of src/ imports only the layers below it, so that no
// arrow runs back up. The engine is pure; the documents (what flis issues) sit below readers, ledger and writers.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

/** What each folder of src/ may import from the others (besides itself and errors.ts). */
const ALLOWED: Record<string, readonly string[]> = {
  engine: [],
  texts: ['engine'],
  documents: ['engine', 'texts'],
  readers: ['engine', 'documents'],
  ledger: ['engine', 'documents', 'texts', 'readers'],
  writers: ['engine', 'documents', 'readers', 'ledger', 'texts'],
  fetch: ['engine', 'documents', 'readers', 'writers'],
};

function importsOf(folder: string): { file: string; target: string }[] {
  const found: { file: string; target: string }[] = [];
  for (const name of readdirSync(join(SRC, folder))) {
    if (!name.endsWith('.ts')) continue;
    const text = readFileSync(join(SRC, folder, name), 'utf8');
    for (const m of text.matchAll(/(?:from|import\(?)\s*'(\.\.?\/[^']+)'/g)) {
      const path = m[1]!;
      const target = path.startsWith('./') ? folder : (path.split('/')[1] ?? '').replace(/\.js$/, '');
      found.push({ file: `${folder}/${name}`, target });
    }
  }
  return found;
}

describe('the layers of src/', () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.length > 0 ? allowed.join(', ') : 'itself'} (and errors.ts)`, () => {
      const wrong = importsOf(folder).filter(({ target }) => target !== folder && target !== 'errors' && !allowed.includes(target));
      expect(wrong).toEqual([]);
      expect(importsOf(folder).length).toBeGreaterThan(0);
    });
  }

  it('the engine does no I/O: no node: module, no clock', () => {
    for (const name of readdirSync(join(SRC, 'engine'))) {
      const text = readFileSync(join(SRC, 'engine', name), 'utf8');
      expect(text, name).not.toMatch(/from 'node:|Date\.now\(|new Date\(/);
    }
  });
});
