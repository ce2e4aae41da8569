// A file flis fetch saved is billed on only as Statistics Denmark answered it: before invoice --fetch, or a
// config's "population": "statbank" (invoice, check, exit, revenue), uses it, it is checked against its
// provenance (the .json beside it). Each way the two can disagree is refused with exit 1, naming both files and
// what to do, and nothing is asked of DST.

import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from '../e2e/flis.js';
import { replayedStatbank } from './statbank-server.js';

const ROSTER = join(ROOT, 'fixtures/roster/all-98-from-2024-01-01.csv');
const CSV = 'data/FOLK1A-2024K1.csv';
const SIDECAR = 'data/FOLK1A-2024K1.json';

const dst = replayedStatbank();
const env = () => ({ FLIS_STATBANK_URL: dst.url, HTTP_PROXY: undefined, HTTPS_PROXY: undefined, http_proxy: undefined, https_proxy: undefined });

/** A folder with the population of 2024 and the projection as flis fetch saves them, made once. */
let fetched: string;
beforeAll(async () => {
  fetched = temporaryFolder();
  expect((await flis(['fetch', 'population', '--year', '2024'], { cwd: fetched, env: env() })).code).toBe(0);
  expect((await flis(['fetch', 'projection', '--table', 'FRKM126'], { cwd: fetched, env: env() })).code).toBe(0);
}, 30_000);

/** A copy of the fetched folder, changed by `change` (given the folder). */
function savedFolder(change: (cwd: string) => void = () => undefined): string {
  const cwd = temporaryFolder();
  cpSync(fetched, cwd, { recursive: true });
  change(cwd);
  return cwd;
}

const invoiceFetch = (cwd: string) => flis(['invoice', '--period', 'H1', '--year', '2024', '--fetch', '--roster', ROSTER], { cwd, env: env() });
const edit = (cwd: string, path: string, from: RegExp | string, to: string | ((match: string, ...groups: string[]) => string)) =>
  writeFileSync(join(cwd, path), readFileSync(join(cwd, path), 'utf8').replace(from, to as (match: string, ...groups: string[]) => string));

describe('invoice --fetch checks the saved file against its provenance', () => {
  it('bills the saved file as it was fetched, asking DST nothing', async () => {
    const r = await invoiceFetch(savedFolder());
    expect(r.code, r.stderr).toBe(0);
    expect(dst.received).toEqual([]);
  });

  it('refuses a figure edited by hand (same size): both files, both hashes, what to do', async () => {
    const cwd = savedFolder((c) => edit(c, CSV, /^Odense;2024K1;(\d+)/m, 'Odense;2024K1;100000'));
    const r = await invoiceFetch(cwd);
    expect(r.code).toBe(1);
    const line = readFileSync(join(cwd, SIDECAR), 'utf8').split('\n').findIndex((l) => l.includes('"sha256"')) + 1;
    expect(r.stderr).toMatch(
      new RegExp(`^flis: error: ${CSV}: ${CSV} is not the file Statistics Denmark answered: its SHA-256 is [0-9a-f]{64}, its provenance \\(${SIDECAR}:${line}\\) records [0-9a-f]{64}\\n`),
    );
    expect(r.stderr).toContain(`The file was changed after flis fetch saved it. Move ${CSV} and ${SIDECAR} away (keep them if invoices were issued from them) and fetch again: flis fetch population --year 2024; or give --population FILE.`);
    expect(r.stdout).toBe('');
    expect(dst.received).toEqual([]);
  });

  it('refuses a line added (another size)', async () => {
    const cwd = savedFolder((c) => writeFileSync(join(c, CSV), `${readFileSync(join(c, CSV), 'utf8')}Odense;2024K1;100000\r\n`));
    const r = await invoiceFetch(cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${CSV} is not the file Statistics Denmark answered: it has \\d+ bytes, its provenance \\(${SIDECAR}:\\d+\\) records \\d+`));
  });

  it('refuses a file without its provenance', async () => {
    const r = await invoiceFetch(savedFolder((c) => rmSync(join(c, SIDECAR))));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^flis: error: ${SIDECAR}: ${CSV} has no provenance: ${SIDECAR} is missing`));
    expect(r.stderr).toContain('fetch again: flis fetch population --year 2024');
    expect(dst.received).toEqual([]);
  });

  it.each([
    ['not JSON', (c: string) => writeFileSync(join(c, SIDECAR), '{ "sha256": '), /the provenance of data\/FOLK1A-2024K1.csv is damaged: the provenance is not valid JSON/],
    ['a hash that is not one', (c: string) => edit(c, SIDECAR, /"sha256": "[0-9a-f]+"/, '"sha256": "abc"'), /:\d+: the provenance of data\/FOLK1A-2024K1.csv is damaged: "sha256" must be the file's SHA-256 \(64 hexadecimal digits\), not "abc"/],
    ['no hash', (c: string) => edit(c, SIDECAR, /\n\s*"sha256": "[0-9a-f]+",/, ''), /is damaged: it has no "sha256"/],
    ['a key given twice', (c: string) => edit(c, SIDECAR, /("sha256": "[0-9a-f]+",)/, '$1\n  "sha256": "0000000000000000000000000000000000000000000000000000000000000000",'), /is damaged: "sha256" is given twice in the provenance/],
    ['another hash', (c: string) => edit(c, SIDECAR, /"sha256": "([0-9a-f])/, (_: string, digit: string) => `"sha256": "${digit === '0' ? '1' : '0'}`), /is not the file Statistics Denmark answered: its SHA-256 is/],
    ['the provenance of another year', (c: string) => edit(c, SIDECAR, '"time": "2024K1"', '"time": "2023K1"'), /is damaged: it records the time "2023K1", but data\/FOLK1A-2024K1.csv is named for 2024K1/],
  ])('refuses a provenance with %s', async (_, change, message) => {
    const cwd = savedFolder(change);
    const r = await invoiceFetch(cwd);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`Move ${CSV} and ${SIDECAR} away`);
  });
});

describe('"population": "statbank" in the config: every command checks the saved files', () => {
  const configured = (change: (cwd: string) => void) =>
    savedFolder((c) => {
      writeFileSync(join(c, 'flis.config.json'), JSON.stringify({ population: 'statbank', roster: ROSTER }));
      change(c);
    });

  it.each([
    ['invoice', ['invoice', '--period', 'H1', '--year', '2024']],
    ['check', ['check', '--year', '2024']],
    ['exit', ['exit', '--kommune', '461', '--date', '2027-01-01']],
    ['revenue', ['revenue', '--to', '2024']],
  ])('flis %s refuses an edited population, and uses the file as fetched', async (_, args) => {
    const edited = await flis(args, { cwd: configured((c) => edit(c, CSV, /^Odense;2024K1;(\d+)/m, 'Odense;2024K1;100000')) });
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain(`${CSV} is not the file Statistics Denmark answered`);
    const sound = await flis(args, { cwd: configured(() => undefined) });
    expect(sound.code, sound.stderr).toBe(0);
  });

  it('flis exit refuses an edited projection, naming it and how to fetch it again', async () => {
    const cwd = configured((c) => edit(c, 'data/FRKM126.csv', /^Odense;2030;(\d+)/m, 'Odense;2030;1'));
    const r = await flis(['exit', '--kommune', '461', '--date', '2027-01-01'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('data/FRKM126.csv is not the file Statistics Denmark answered');
    expect(r.stderr).toContain('fetch again: flis fetch projection --table FRKM126; or give --forecast FILE.');
  });
});
