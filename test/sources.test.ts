// src/sources.ts: when Statistics Denmark has published a 1 January, and what the documents can tell of where a
// population file comes from.

import { describe, expect, it } from 'vitest';
import type { SavedProvenance } from '../src/fetch/provenance.js';
import { figuresSource, publishedYear } from '../src/sources.js';
import { populationFile } from './readers/read.js';

const day = (text: string) => {
  const [year, month, d] = text.split('-').map(Number);
  return { year: year!, month: month!, day: d! };
};

describe('publishedYear: DST has published 1 January of a year by 15 February of it', () => {
  it.each([
    ['2025-01-01', 2024],
    ['2025-02-14', 2024],
    ['2025-02-15', 2025],
    ['2025-03-01', 2025],
    ['2025-12-31', 2025],
  ])('on %s: %i', (today, year) => expect(publishedYear(day(today))).toBe(year));
});

describe('figuresSource', () => {
  const given = { path: '/x.csv', chosen: 'option' as const };

  it('a file KOMBIT gave: the table as its content shows it (quarters FOLK1A, months FOLK1AM), or none', async () => {
    const source = async (file: string) => figuresSource(given, await populationFile(file), day('2024-06-01'));
    expect(await source('fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv')).toEqual({ kind: 'given', table: 'FOLK1AM', years: [2022, 2023, 2024] });
    expect(await source('fixtures/shapes/api-codes-FOLK1A-2023K1-2024K1.csv')).toEqual({ kind: 'given', table: 'FOLK1A', years: [2023, 2024] });
    expect(await source('fixtures/shapes/statbank-latin1-pivot-quarters.csv')).toEqual({ kind: 'given', webExport: true, years: [2023, 2024] });
    const forecast = figuresSource(given, await populationFile('fixtures/statbank/FRKM126-all-years.csv'), day('2026-07-01'), true);
    expect(forecast.kind === 'given' && forecast.table).toBe(undefined);
  });

  it("fetched: the day and the table's update; DST's latest only while its newest figure was the table's latest and none newer is due", async () => {
    const read = await populationFile('fixtures/statbank/FOLK1A-2024K1.csv');
    const provenance: SavedProvenance = { kind: 'fetched', table: 'FOLK1A', time: '2024K1', fetchedAt: new Date(2024, 1, 12, 9), tableUpdated: '2024-02-11T08:00:00', latestTime: '2024K1' };
    const fetched = { path: '/data/FOLK1A-2024K1.csv', chosen: 'saved' as const, provenance };
    expect(figuresSource(fetched, read, day('2024-06-01'))).toEqual({
      kind: 'fetched',
      table: 'FOLK1A',
      years: [2024],
      fetchedOn: day('2024-02-12'),
      tableUpdated: day('2024-02-11'),
      latest: true,
    });
    expect(figuresSource(fetched, read, day('2025-02-15')).latest).toBeUndefined();
    expect(figuresSource({ ...fetched, provenance: { ...provenance, latestTime: '2025K1' } }, read, day('2024-06-01')).latest).toBeUndefined();
    const { latestTime: _, ...older } = provenance;
    expect(figuresSource({ ...fetched, provenance: older }, read, day('2024-06-01')).latest).toBeUndefined();
  });

  it('transcribed: never fetched, never the latest', async () => {
    const read = await populationFile('fixtures/dst-figures/FOLK1A-2026K1.csv');
    expect(figuresSource({ path: '/f.csv', chosen: 'saved', provenance: { kind: 'transcribed', table: 'FOLK1A', time: '2026K1' } }, read, day('2026-12-01'))).toEqual({
      kind: 'transcribed',
      table: 'FOLK1A',
      years: [2026],
    });
  });
});
