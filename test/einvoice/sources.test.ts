// The artifacts under test/standards/ are the ones SOURCES.md names, unmodified: each file's SHA-256 is the one
// recorded there, and every file there is recorded.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STANDARDS } from './validator.js';

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('test/standards/: the official artifacts, as published', () => {
  const sources = readFileSync(join(STANDARDS, 'SOURCES.md'), 'utf8');
  const recorded = new Map<string, string>();
  let section = '';
  for (const line of sources.split('\n')) {
    const heading = /^## .*: `([^`]+)\/`$/.exec(line);
    if (heading) section = heading[1]!;
    const row = /^\| ([^|]+?) \| ([0-9a-f]{64}) \|$/.exec(line);
    if (row) recorded.set(`${section}/${row[1]}`, row[2]!);
  }

  it('every vendored file is recorded with its SHA-256, and matches it', () => {
    const files = filesUnder(STANDARDS)
      .map((f) => relative(STANDARDS, f))
      .filter((f) => f !== 'SOURCES.md')
      .sort();
    expect(files.length).toBe(30);
    expect([...recorded.keys()].sort()).toEqual(files);
    for (const file of files) {
      expect(createHash('sha256').update(readFileSync(join(STANDARDS, file))).digest('hex'), file).toBe(recorded.get(file));
    }
  });
});
