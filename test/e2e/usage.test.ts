// Usage errors found by hand: an option given twice, and a file given where a folder is expected (or the other
// way round). Each is exit 2 with a message naming what is wrong, nothing on stdout, and nothing written.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flis, temporaryFolder } from './flis.js';

describe('an option that takes a value, given twice', () => {
  it.each([
    [['invoice', '--period', 'H1', '--period', 'H2', '--year', '2024', '--out', 'run'], '--period is given twice (H1, H2): give it once'],
    [['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--date', '2028-01-01', '--out', 'exit.txt'], '--date is given twice (2027-01-01, 2028-01-01): give it once'],
    [['revenue', '--out', 'a.txt', '--out', 'b.txt'], '--out is given twice (a.txt, b.txt): give it once'],
    [['einvoice', '.', '--einvoice', 'oioubl', '--einvoice', 'peppol'], '--einvoice is given twice (oioubl, peppol): give it once'],
    [['fetch', 'population', '--year', '2024', '--year', '2025', '--out', 'pop.csv'], '--year is given twice (2024, 2025): give it once'],
    [['check', '--year', '2024', '--year=2025'], '--year is given twice (2024, 2025): give it once'],
  ])('flis %j: exit 2, nothing written', async (args, message) => {
    const folder = temporaryFolder();
    // Nowhere to fetch from: were the command to run, it could not reach Statistics Denmark either.
    const r = await flis(args, { cwd: folder, env: { FLIS_STATBANK_URL: 'http://127.0.0.1:9/v1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`flis: error: ${message}\n`);
    expect(r.stdout).toBe('');
    expect(readdirSync(folder)).toEqual([]);
  });
});
