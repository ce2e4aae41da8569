// The binary users run is the bundle (dist/flis.cjs) loaded through V8's code cache: it must do exactly what the
// modules of dist/ do, and a cache that is corrupt, foreign, unreadable or unwritable must never be an error.

import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

const COMMANDS = [
  ['invoice', '--period', 'H1', '--year', '2024'],
  ['invoice', '--period', 'H2', '--year', '2024', '--json'],
  ['exit', '--kommune', 'Odense', '--date', '2027-01-01'],
  ['exit', '--all', '--date', '2030-07-01', '--format', 'csv'],
  ['check', '--year', '2024'],
  ['revenue', '--format', 'md'],
  ['invoice', '--period', 'H1', '--year', '2024', '--roster', 'fixtures/errors/roster-unknown-municipality.csv'],
];

/** A copy of the installed program (bin/, dist/, package.json) using the repository's node_modules and data. */
function install(): string {
  const root = temporaryFolder();
  cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

const runIn = (root: string, args: readonly string[], env: Record<string, string> = {}) => flis(args, { cwd: ROOT, bin: join(root, 'bin/flis.cjs'), env });

describe('the bundled binary', () => {
  it('gives byte for byte the output and exit code of the modules of dist/, for invoice, exit, check and revenue', async () => {
    for (const args of COMMANDS) {
      const bundled = await flis(args);
      const modules = await flis(args, { bin: join(ROOT, 'bench/unbundled.mjs') });
      expect(bundled.stdout, args.join(' ')).toBe(modules.stdout);
      expect(bundled.stderr, args.join(' ')).toBe(modules.stderr);
      expect(bundled.code, args.join(' ')).toBe(modules.code);
    }
  });

  it('is ASCII, as bin/flis.cjs reads it as Latin-1', () => {
    expect(readFileSync(join(ROOT, 'dist/flis.cjs'), 'latin1')).toMatch(/^[\x00-\x7F]*$/);
  });

  it('reads its version from package.json, also through the old entry bin/flis.js', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect((await flis(['--version'])).stdout).toBe(`${version}\n`);
    expect(await flis(COMMANDS[1]!, { bin: join(ROOT, 'bin/flis.js') })).toEqual(await flis(COMMANDS[1]!));
  });

  it('ignores a corrupt or foreign code cache, runs as usual, and writes a good one in its place', async () => {
    const expected = await flis(COMMANDS[1]!);
    const foreign = new Script('(function () { return 42; })').createCachedData();
    for (const bad of [Buffer.from('not a code cache at all'), foreign]) {
      const root = install();
      const cache = join(root, 'dist/flis.cjs.cache');
      writeFileSync(cache, bad);
      const result = await runIn(root, COMMANDS[1]!);
      expect(result).toEqual(expected);
      const rewritten = readFileSync(cache);
      expect(rewritten.equals(bad)).toBe(false);
      expect(rewritten.length).toBeGreaterThan(10_000);
      // and the cache written is one V8 takes for the bundle
      const source = readFileSync(join(root, 'dist/flis.cjs'), 'latin1');
      const script = new Script(source, { filename: join(root, 'dist/flis.cjs'), cachedData: rewritten });
      expect(script.cachedDataRejected).toBe(false);
    }
  });

  it('runs where the cache can be neither read nor written (here: a folder in its place), and without a bundle at all', async () => {
    const expected = await flis(COMMANDS[0]!);
    const root = install();
    rmSync(join(root, 'dist/flis.cjs.cache'));
    mkdirSync(join(root, 'dist/flis.cjs.cache'));
    expect(await runIn(root, COMMANDS[0]!)).toEqual(expected);
    rmSync(join(root, 'dist/flis.cjs'));
    expect(await runIn(root, COMMANDS[0]!)).toEqual(expected);
    expect(await runIn(install(), COMMANDS[0]!, { FLIS_CODE_CACHE: 'off' })).toEqual(expected);
  });
});
