// fixtures/dst-figures/: DST's population on 1 January 2025 and 2026, figures collected from a project and
// written in the shape flis fetch saves (fixtures/dst-figures/SOURCES.md). Each file must give the 98
// municipalities the sums SOURCES.md records, be what its provenance records, and say honestly what it is.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '../../src/engine/municipalities.js';
import { verifySaved } from '../../src/fetch/provenance.js';
import { figuresFor, populationFile } from './read.js';

const FOLDER = join(import.meta.dirname, '../../fixtures/dst-figures');

/** The sums of the 98 on 1 January, as fixtures/dst-figures/SOURCES.md gives them. */
const SUMS: Record<number, number> = { 2025: 5_992_644, 2026: 6_025_511 };

describe.each([2025, 2026])('FOLK1A-%iK1.csv', (year) => {
  const path = join(FOLDER, `FOLK1A-${year}K1.csv`);

  it(`gives the 98 municipalities ${SUMS[year]!.toLocaleString('en')} people on 1 January ${year}, and no other year`, async () => {
    const read = await populationFile(path);
    const figures = figuresFor(read.figures, year);
    expect(Object.keys(figures).sort()).toEqual(MUNICIPALITIES.map((m) => m.code).sort());
    expect(Object.values(figures).reduce((sum: number, n) => sum + n!, 0)).toBe(SUMS[year]);
    expect(figures['461']).toBe(year === 2025 ? 210_803 : 213_168); // Odense, as SOURCES.md cross-checks it
    expect([...read.times]).toEqual(['quarter']);
    expect([...new Set([...read.figures.values()].flatMap((byYear) => [...byYear.keys()]))]).toEqual([year]);
  });

  it('is in the shape flis fetch saves: the API CSV, UTF-8 with BOM, CRLF, OMRÅDE;TID;INDHOLD', () => {
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(`\uFEFFOMRÅDE;TID;INDHOLD\r\nKøbenhavn;${year}K1;`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('is what its provenance records, which says the figures were transcribed, not fetched', () => {
    const provenance = verifySaved({ path, show: (p) => p, table: 'FOLK1A', time: `${year}K1`, refetch: 'x', instead: 'y' });
    expect(provenance).toEqual({ kind: 'transcribed', table: 'FOLK1A', time: `${year}K1` });
    const json = JSON.parse(readFileSync(join(FOLDER, `FOLK1A-${year}K1.json`), 'utf8'));
    expect(json.source).toMatch(/NOT an answer of the StatBank API/);
    expect(json.total).toBe(SUMS[year]);
  });
});

describe('the figures file they are written from', () => {
  it('gives the same figures, both years', async () => {
    const rows = readFileSync(join(FOLDER, 'population_1jan_2025_2026_figures.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(';'));
    expect(rows).toHaveLength(98);
    for (const [year, column] of [[2025, 2], [2026, 3]] as const) {
      const figures = figuresFor((await populationFile(join(FOLDER, `FOLK1A-${year}K1.csv`))).figures, year);
      for (const row of rows) expect(figures[row[0]!], `${row[1]} ${year}`).toBe(Number(row[column]));
    }
  });
});
