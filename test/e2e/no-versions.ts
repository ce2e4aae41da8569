// The outputs of flis on the shipped data with today's tariffs (the built-in one, and a tariff file without
// versions), as SHA-256 digests by name: invoice runs (table, JSON), a run folder with its e-invoices in both
// formats, exit settlements and the income report. no-versions.test.ts holds the build to the digests recorded
// from flis before tariff versions existed (no-versions.digests.json): with no versions, nothing changes, to the byte.
//
// To record them again from another build of flis (say main's, after a merge changed a report on purpose):
//   FLIS_RECORD_DIGESTS=/path/to/that/bin/flis.cjs npx vitest run test/e2e/no-versions.test.ts

import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SHIPPED_ROSTER, flis, temporaryFolder, withTestAddresses } from './flis.js';

const sha = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every output of the scenario, as name → SHA-256, run by the flis at `bin`. */
export async function outputDigests(bin: string): Promise<Record<string, string>> {
  const folder = temporaryFolder();
  copyFileSync(join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv'), join(folder, 'population.csv'));
  const lines = withTestAddresses(readFileSync(join(ROOT, SHIPPED_ROSTER), 'utf8').trim().split('\n'));
  // A pilot, a late start and an exit besides the shipped roster's lines.
  const changed = lines.map((line) =>
    line.startsWith('461;') ? line.replace(/^461;[^;]*;[^;]*;/, '461;2024-01-01;2024-01-01;') : line.startsWith('101;') ? line.replace(/^101;[^;]*;/, '101;2024-03-15;') : line.startsWith('851;') ? line.replace(/^851;([^;]*);([^;]*);[^;]*;/, '851;$1;$2;2024-05-16;') : line,
  );
  writeFileSync(join(folder, 'roster.csv'), `${changed.join('\n')}\n`);
  const config = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(folder, 'flis.config.json'), `${JSON.stringify({ ...config, population: 'population.csv', roster: 'roster.csv' }, null, 2)}\n`);
  writeFileSync(join(folder, 'tariff.json'), '{ "name": "FLIS 2024–2033", "price_per_citizen": "7.96" }\n');

  const digests: Record<string, string> = {};
  const run = async (name: string, args: readonly string[]) => {
    const r = await flis(args, { cwd: folder, bin, env: { FLIS_TODAY: '2024-06-01' } });
    if (r.code !== 0) throw new Error(`flis ${args.join(' ')} exited with ${r.code}: ${r.stderr}`);
    digests[name] = sha(r.stdout);
  };
  for (const tariff of [[], ['--tariff', 'tariff.json']]) {
    const t = tariff.length === 0 ? 'built-in' : 'file';
    for (const period of ['H1', 'H2', 'DEC']) {
      await run(`${t} invoice ${period} table`, ['invoice', '--year', '2024', '--period', period, '--lang', 'en', ...tariff]);
      await run(`${t} invoice ${period} json`, ['invoice', '--year', '2024', '--period', period, '--json', ...tariff]);
    }
    await run(`${t} exit 461 2027-10-16 json`, ['exit', '--kommune', '461', '--date', '2027-10-16', '--format', 'json', ...tariff]);
    await run(`${t} exit all 2026-01-01 csv`, ['exit', '--all', '--date', '2026-01-01', '--format', 'csv', ...tariff]);
    await run(`${t} revenue json`, ['revenue', '--by', 'kommune', '--format', 'json', ...tariff]);
    await run(`${t} revenue budget csv`, ['revenue', '--budget', join(ROOT, 'fixtures/budget/illustrative-costs-2024-2033.csv'), '--format', 'csv', ...tariff]);
  }
  for (const format of ['peppol', 'oioubl']) {
    const out = `run-${format}`;
    for (const [period, date] of [['H1', '2024-02-12'], ['H2', '2024-09-10'], ['DEC', '2024-12-16']] as const) {
      await run(`run ${format} ${period}`, ['invoice', '--year', '2024', '--period', period, '--out', out, '--einvoice', format, '--issue-date', date, '--quiet']);
    }
    const files = readdirSync(join(folder, out), { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name !== 'manifest.json');
    for (const f of files) digests[`${out}/${join(f.parentPath, f.name).slice(join(folder, out).length + 1)}`] = sha(readFileSync(join(f.parentPath, f.name)));
  }
  return Object.fromEntries(Object.entries(digests).sort(([a], [b]) => (a < b ? -1 : 1)));
}

