// flis fetch projection against the replaying server: DST's municipal projection (FRKM1YY) fetched whole,
// read back, saved with its provenance, and used by flis exit.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchProjection } from '../../src/fetch/projection.js';
import { createClient } from '../../src/fetch/statbank.js';
import { ROOT, flis, temporaryFolder } from '../e2e/flis.js';
import { FIXTURES, csvAnswer, replayedStatbank } from './statbank-server.js';

const dst = replayedStatbank();

const env = () => ({ FLIS_STATBANK_URL: dst.url, HTTPS_PROXY: undefined, HTTP_PROXY: undefined });

describe('flis fetch projection', () => {
  it('asks every municipality and year with age and sex eliminated, and saves the answer byte for byte', async () => {
    const cwd = temporaryFolder();
    const result = await flis(['fetch', 'projection', '--table', 'FRKM126'], { cwd, env: env() });
    expect(result.stderr).toContain('saved data/FRKM126.csv: FRKM126, the 98 municipalities, 2026–2050');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('data/FRKM126.csv\n');
    expect(readFileSync(join(cwd, 'data/FRKM126.csv')).equals(readFileSync(join(FIXTURES, 'FRKM126-all-years.csv')))).toBe(true);
    const provenance = JSON.parse(readFileSync(join(cwd, 'data/FRKM126.json'), 'utf8'));
    expect(provenance).toMatchObject({
      table: 'FRKM126',
      time: '2026–2050',
      table_updated: '2026-06-12T08:00:00',
      request: { table: 'FRKM126', format: 'CSV', variables: [{ code: 'KOMMUNEDK', values: ['*'] }, { code: 'Tid', values: ['*'] }] },
    });
  });

  it('takes this year\'s projection, or last year\'s before DST publishes this year\'s', async () => {
    const client = createClient({ env: env(), deadlineMs: 10_000 });
    try {
      const in2027 = await fetchProjection(client, undefined, 2027, (t) => `${t}.csv`, () => new Date());
      expect(in2027.table).toBe('FRKM126');
      expect(dst.received.map((r) => JSON.parse(r.body).table)).toEqual(['FRKM127', 'FRKM126', 'FRKM126']);
      await expect(fetchProjection(client, undefined, 2029, (t) => t, () => new Date())).rejects.toThrow('neither FRKM129 nor FRKM128');
    } finally {
      await client.close();
    }
  });

  it('exits 2 for a table DST does not have, and for --year or a --table that is not a projection', async () => {
    const cwd = temporaryFolder();
    const missing = await flis(['fetch', 'projection', '--table', 'FRKM119'], { cwd, env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Statistics Denmark has no table FRKM119');
    expect((await flis(['fetch', 'projection', '--table', 'FOLK1A'], { cwd, env: env() })).code).toBe(2);
    expect((await flis(['fetch', 'projection', '--year', '2026'], { cwd, env: env() })).code).toBe(2);
  });

  it.each(['..', '0'])('exits 1 when a municipality has no figure for a year (%s), keeping nothing', async (value) => {
    const cwd = temporaryFolder();
    const csv = readFileSync(join(FIXTURES, 'FRKM126-all-years.csv'), 'utf8').replace(/^Odense;2030;\d+/m, `Odense;2030;${value}`);
    dst.behave(csvAnswer(csv));
    const result = await flis(['fetch', 'projection', '--table', 'FRKM126'], { cwd, env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no figure for 1 municipality-years: Odense (461) 2030');
  });

  it('is what flis exit uses for the years DST has not published, with "population": "statbank"', async () => {
    const cwd = temporaryFolder();
    const roster = join(ROOT, 'fixtures/roster/all-98-from-2024-01-01.csv');
    writeFileSync(join(cwd, 'flis.config.json'), JSON.stringify({ population: 'statbank', roster }));
    expect((await flis(['fetch', 'population', '--year', '2024'], { cwd, env: env() })).code).toBe(0);
    const carried = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--json'], { cwd });
    expect((await flis(['fetch', 'projection', '--table', 'FRKM126'], { cwd, env: env() })).code).toBe(0);
    const projected = await flis(['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--json'], { cwd });
    expect(projected.code).toBe(0);
    expect(projected.stderr).toContain('projection: data/FRKM126.csv');
    expect(projected.stdout).toContain('"forecast"');
    expect(carried.stdout).not.toContain('"forecast"');
    expect(projected.stdout).not.toBe(carried.stdout);
  });
});
