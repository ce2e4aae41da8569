// flis as an operator installs it: `npm pack` gives a tarball with the built program (bin/, the bundle and its
// code cache) and its two runtime dependencies, undici and xmlbuilder2, bundled in it, so that `npm install -g`
// of the tarball needs no registry (here: --offline) and gives a `flis` that runs from any folder. The tarball
// is packed from the dist/ that `npm test` built (--ignore-scripts: no second build while other tests run).

import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  // npm run test puts its own settings (npm_config_*) into the environment; they are not the operator's.
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && !['FORCE_COLOR', 'NO_COLOR', 'CI', 'FLIS_DEBUG', 'NODE_OPTIONS'].includes(key)));
  const merged: Record<string, string | undefined> = { ...base, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return new Promise((done) => {
    execFile(file, args, { cwd, env: merged as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A port on 127.0.0.1 that nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const work = temporaryFolder();
afterAll(() => rmSync(work, { recursive: true, force: true }));

const POPULATION = join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv');
const ROSTER = join(ROOT, 'fixtures/roster/all-98-illustrative-ean-reference.csv');
// E-invoices name the buyer's postal address: the roster of the 75 municipalities whose address is confirmed.
const ROSTER_WITH_ADDRESSES = join(ROOT, 'fixtures/roster/75-confirmed-address-illustrative-ean-reference.csv');
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

interface Packed {
  readonly filename: string;
  readonly files: readonly { path: string }[];
  readonly bundled: readonly string[];
}

describe('the packed tarball', () => {
  let about: Packed;
  let tarball: string;

  beforeAll(async () => {
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    [about] = JSON.parse(packed.stdout) as [Packed];
    tarball = join(work, about.filename);
  }, 120_000);

  it('holds the built program, package.json and the runtime dependencies, and nothing of the repository\'s own', () => {
    const files = about.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'docs/reference.md',
        'docs/billing-rules.md',
        'docs/exit-letter.md',
        'bin/flis.cjs',
        'dist/flis.cjs',
        'dist/pdfkit.cjs',
        'assets/fonts/DejaVuSans.ttf',
        'assets/fonts/DejaVuSans-Bold.ttf',
        'assets/fonts/LICENSE',
        'node_modules/undici/package.json',
        'node_modules/xmlbuilder2/package.json',
      ]),
    );
    expect(files.some((f) => /^dist\/flis-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+(-[0-9a-f]{8})?\.cache$/.test(f))).toBe(true);
    expect(about.bundled).toEqual(expect.arrayContaining(['undici', 'xmlbuilder2']));
    // not the sources, the tests, the fixtures, the config, nor the modules of dist/ that the bundle holds; the
    // README and the documents it links to (docs/), so that its links lead somewhere in an installed flis too
    const own = files.filter((f) => !f.startsWith('node_modules/'));
    expect(own.filter((f) => !/^(package\.json|README\.md|docs\/[^/]+\.(md|png)|bin\/flis\.c?js|dist\/flis\.cjs|dist\/flis-[^/]+\.cache|dist\/pdfkit\.cjs|assets\/fonts\/[^/]+)$/.test(f))).toEqual([]);
    // PDFKit is in dist/pdfkit.cjs, not installed beside it
    expect(files.filter((f) => /^node_modules\/(pdfkit|fontkit)\//.test(f))).toEqual([]);
  });

  it('installs with npm install -g (offline), and the flis it puts on the PATH runs from any folder', async () => {
    const prefix = join(work, 'prefix');
    const installed = await run('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--no-update-notifier', '--prefix', prefix, tarball], work);
    expect(installed.code, installed.stderr).toBe(0);
    const bin = join(prefix, 'bin/flis');
    expect(existsSync(bin)).toBe(true);
    // the command as cron runs it: by its path, its `#!/usr/bin/env node` finding the Node the tests run on
    const folder = temporaryFolder();
    const env = { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, HOME: folder, XDG_CACHE_HOME: undefined };
    expect(await run(bin, ['--version'], folder, env)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });

    const args = ['invoice', '--period', 'H1', '--year', '2024', '--population', POPULATION, '--roster', ROSTER];
    const fromInstall = await run(bin, args, folder, env);
    const fromRepository = await flis(args, { cwd: folder });
    expect(fromInstall).toEqual(fromRepository);
    expect(fromInstall.code).toBe(0);
    expect(fromInstall.stdout).toContain('98');

    // xmlbuilder2 (e-invoices), from the install's own node_modules; the workbook (write-excel-file, in the bundle)
    const out = join(folder, 'runs/2024-H1');
    const issued = await run(bin, ['invoice', '--period', 'H1', '--year', '2024', '--config', join(ROOT, 'flis.config.json'), '--out', out, '--einvoice', 'oioubl', '--issue-date', '2024-02-12', '--roster', ROSTER_WITH_ADDRESSES, '--xlsx', '--quiet'], folder, env);
    expect([issued.code, issued.stderr]).toEqual([0, '']);
    expect(readdirSync(join(out, 'einvoices')).filter((f) => f.endsWith('.xml'))).toHaveLength(75);
    expect(readFileSync(join(out, 'invoices-2024-H1.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await run(bin, ['verify', out], folder, env)).code).toBe(0);

    // PDFKit (dist/pdfkit.cjs) and the fonts (assets/fonts/): the exit letter as a PDF
    const letter = join(folder, 'odense.pdf');
    const written = await run(bin, ['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'pdf', '--out', letter, '--config', join(ROOT, 'flis.config.json'), '--quiet'], folder, env);
    expect([written.code, written.stderr]).toEqual([0, '']);
    const pdf = readFileSync(letter);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);

    // undici (flis fetch): a StatBank that cannot be reached is exit 5, not a module that cannot be found (3)
    const port = await closedPort();
    const fetched = await run(bin, ['fetch', 'population', '--year', '2024', '--out', join(folder, 'data/FOLK1A.csv'), '--timeout', '10'], folder, { ...env, FLIS_STATBANK_URL: `http://127.0.0.1:${port}/v1` });
    expect(fetched.code, fetched.stderr).toBe(5);

    // the cache of this Node's code is written where the install allows (here dist/, root owns it all)
    const dist = join(prefix, 'lib/node_modules/flis/dist');
    expect(readdirSync(dist).some((f) => f.includes(`-${process.version}-${process.arch}`))).toBe(true);
  }, 180_000);
});
