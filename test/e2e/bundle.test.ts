// The binary users run is the bundle (dist/flis.cjs) loaded through V8's code cache: it must do exactly what the
// modules of dist/ do, and a cache that is corrupt, foreign, unreadable or unwritable must never be an error.
// The cache is named after the bundle and the Node version (dist/flis-<id>-<node version>-<arch>.cache), and
// goes to the user's cache folder ($XDG_CACHE_HOME/flis here) where dist/ cannot be written.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

const COMMANDS = [
  ['invoice', '--period', 'H1', '--year', '2024'],
  ['invoice', '--period', 'H2', '--year', '2024', '--json'],
  ['exit', '--kommune', 'Odense', '--date', '2027-01-01'],
  ['exit', '--all', '--date', '2030-07-01', '--format', 'csv'],
  ['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'xlsx'],
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

/** The name bin/flis.cjs gives the code cache of the bundle in `root` under the Node running the tests. */
function cacheName(root: string): string {
  const id = /^\/\*flis ([0-9a-f]{16})\*\//.exec(readFileSync(join(root, 'dist/flis.cjs'), 'latin1'))?.[1];
  expect(id, 'the id in the bundle\'s first line').toBeDefined();
  return `flis-${id}-${process.version}-${process.arch}.cache`;
}

/** True if V8 takes `cache` for the bundle in `root`. */
function accepted(root: string, cache: Buffer): boolean {
  const source = readFileSync(join(root, 'dist/flis.cjs'), 'latin1');
  return !new Script(source, { filename: join(root, 'dist/flis.cjs'), cachedData: cache }).cachedDataRejected;
}

/**
 * Runs the copy in `root`, with the user's cache folder in a folder of its own and without NODE_OPTIONS (which
 * name a cache of their own) unless `env` says otherwise.
 */
const runIn = (root: string, args: readonly string[], env: Record<string, string> = {}) =>
  flis(args, { cwd: ROOT, bin: join(root, 'bin/flis.cjs'), env: { XDG_CACHE_HOME: join(root, 'user-cache'), NODE_OPTIONS: undefined, ...env } });

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

  it('holds no PDFKit: the PDF letter requires dist/pdfkit.cjs when it is written, and gives the bytes the modules of dist/ give', async () => {
    const bundle = readFileSync(join(ROOT, 'dist/flis.cjs'), 'latin1');
    expect(bundle).not.toMatch(/fontkit|PDFDocument/);
    expect(bundle).toContain('require("./pdfkit.cjs")');
    expect(readFileSync(join(ROOT, 'dist/pdfkit.cjs'), 'latin1')).toMatch(/PDFKit/);
    const folder = temporaryFolder();
    const args = ['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'pdf', '--quiet', '--out'];
    const env = { FLIS_TODAY: '2026-12-01' };
    expect((await flis([...args, join(folder, 'bundled.pdf')], { env })).code).toBe(0);
    expect((await flis([...args, join(folder, 'modules.pdf')], { env, bin: join(ROOT, 'bench/unbundled.mjs') })).code).toBe(0);
    expect(readFileSync(join(folder, 'bundled.pdf')).equals(readFileSync(join(folder, 'modules.pdf')))).toBe(true);
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
      const cache = join(root, 'dist', cacheName(root));
      writeFileSync(cache, bad);
      const result = await runIn(root, COMMANDS[1]!);
      expect(result).toEqual(expected);
      const rewritten = readFileSync(cache);
      expect(rewritten.equals(bad)).toBe(false);
      expect(rewritten.length).toBeGreaterThan(10_000);
      expect(accepted(root, rewritten)).toBe(true);
    }
  });

  it('keeps one cache per Node version: a run leaves the cache of another Node alone', async () => {
    const root = install();
    const mine = join(root, 'dist', cacheName(root));
    const other = join(root, 'dist', cacheName(root).replace(`-${process.version}-`, '-v0.0.1-'));
    rmSync(mine, { force: true });
    const foreign = new Script('(function () { return 42; })').createCachedData();
    writeFileSync(other, foreign);
    expect(await runIn(root, COMMANDS[1]!)).toEqual(await flis(COMMANDS[1]!));
    expect(readFileSync(other).equals(foreign)).toBe(true);
    expect(accepted(root, readFileSync(mine))).toBe(true);
  });

  it('does not rewrite the cache at every run where V8 flags (or Node versions) alternate on one install', async () => {
    // V8 rejects a cache written under other flags or another version: one shared cache was rewritten at every
    // run, each run compiling everything and then serialising it. Here NODE_OPTIONS alternates (cron may set
    // some, a shell none); .ci/run also gives FLIS_TEST_OTHER_NODE, another Node, to alternate with for real.
    const root = install();
    const mine = join(root, 'dist', cacheName(root));
    const plain = () => runIn(root, COMMANDS[1]!);
    const flagged = () => runIn(root, COMMANDS[1]!, { NODE_OPTIONS: '--max-old-space-size=300' });
    const other = process.env.FLIS_TEST_OTHER_NODE;
    const otherNode = () => new Promise<void>((done, fail) =>
      execFile(other!, [join(root, 'bin/flis.cjs'), ...COMMANDS[1]!], { cwd: ROOT, env: { ...process.env, XDG_CACHE_HOME: join(root, 'user-cache') } }, (error) => (error ? fail(error) : done())),
    );
    const expected = await flis(COMMANDS[1]!);
    expect(await plain()).toEqual(expected);
    expect(accepted(root, readFileSync(mine))).toBe(true);
    const written = statSync(mine).mtimeMs;
    for (let round = 0; round < 2; round++) {
      expect(await flagged()).toEqual(expected);
      if (other) await otherNode();
      await new Promise((done) => setTimeout(done, 20));
      expect(await plain()).toEqual(expected);
      expect(statSync(mine).mtimeMs, `round ${round}: the cache was written again`).toBe(written);
    }
    const caches = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.cache'));
    expect(caches.length).toBeGreaterThanOrEqual(other ? 3 : 2);
  });

  it('never offers a cache to another bundle (V8 checks the source only by its length): a new build has a new id', async () => {
    const root = install();
    const bundle = join(root, 'dist/flis.cjs');
    const noPopulation = (env: Record<string, string> = {}) =>
      flis(['invoice', '--period', 'H1', '--year', '2024'], { cwd: join(root, 'dist'), bin: join(root, 'bin/flis.cjs'), env: { XDG_CACHE_HOME: join(root, 'user-cache'), ...env } });
    expect((await noPopulation({ FLIS_CODE_CACHE: 'write' })).stderr).toMatch(/^flis: error: no population file: give --population FILE\n/);
    expect(existsSync(join(root, 'dist', cacheName(root)))).toBe(true);
    // Another bundle of the same length, as a rebuild could give: a message changed, and the id the build gives it.
    const source = readFileSync(bundle, 'latin1');
    const changed = source.replace('file: give --', 'FILE! give --').replace(/^\/\*flis [0-9a-f]{16}\*\//, '/*flis 0123456789abcdef*/');
    expect([changed.length, changed === source]).toEqual([source.length, false]);
    writeFileSync(bundle, changed, 'latin1');
    const result = await noPopulation();
    expect([result.code, result.stderr.split('\n')[0]]).toEqual([2, 'flis: error: no population FILE! give --population FILE']);
    expect(accepted(root, readFileSync(join(root, 'dist', cacheName(root))))).toBe(true);
  });

  it('where dist/ cannot be written (a global install owned by root), keeps the cache in the user\'s cache folder', async () => {
    const expected = await flis(COMMANDS[1]!);
    const root = install();
    const name = cacheName(root);
    // A folder in the cache's place: it cannot be read, nor renamed onto (root writes where it likes, so the test
    // cannot take dist/'s write permission away).
    rmSync(join(root, 'dist', name), { force: true });
    mkdirSync(join(root, 'dist', name));
    const userCache = join(root, 'home/.cache');
    const inUserFolder = join(userCache, 'flis', name);
    expect(await runIn(root, COMMANDS[1]!, { XDG_CACHE_HOME: userCache })).toEqual(expected);
    expect(accepted(root, readFileSync(inUserFolder))).toBe(true);
    expect(readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // the next run reads it there, and does not write it again
    const written = statSync(inUserFolder).mtimeMs;
    await new Promise((done) => setTimeout(done, 20));
    expect(await runIn(root, COMMANDS[1]!, { XDG_CACHE_HOME: userCache })).toEqual(expected);
    expect(statSync(inUserFolder).mtimeMs).toBe(written);
    // without $XDG_CACHE_HOME the folder is ~/.cache/flis
    const home = join(root, 'home');
    rmSync(join(home, '.cache'), { recursive: true });
    expect(await runIn(root, COMMANDS[1]!, { XDG_CACHE_HOME: '', HOME: home })).toEqual(expected);
    expect(accepted(root, readFileSync(inUserFolder))).toBe(true);
  });

  it('runs where the cache can be neither read nor written, and without a bundle at all', async () => {
    const expected = await flis(COMMANDS[0]!);
    const root = install();
    const name = cacheName(root);
    rmSync(join(root, 'dist', name));
    mkdirSync(join(root, 'dist', name));
    writeFileSync(join(root, 'user-cache'), 'a file where the user\'s cache folder would be');
    expect(await runIn(root, COMMANDS[0]!)).toEqual(expected);
    rmSync(join(root, 'dist/flis.cjs'));
    expect(await runIn(root, COMMANDS[0]!)).toEqual(expected);
    const off = install();
    rmSync(join(off, 'dist', name));
    expect(await runIn(off, COMMANDS[0]!, { FLIS_CODE_CACHE: 'off' })).toEqual(expected);
    expect(existsSync(join(off, 'dist', name))).toBe(false);
    expect(existsSync(join(off, 'user-cache'))).toBe(false);
  });

  it('runs flis on the Node that runs the tests (.ci/run runs them on several: FLIS_TEST_NODE_MAJOR says which)', async () => {
    const folder = temporaryFolder();
    const probe = join(folder, 'node-version.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(`node ${process.version}\\n`));\n");
    const result = await flis(['--version'], { nodeArgs: ['--require', probe], env: { FLIS_CODE_CACHE: 'off' } });
    expect([result.code, result.stderr]).toEqual([0, `node ${process.version}\n`]);
    const major = process.env.FLIS_TEST_NODE_MAJOR;
    if (major !== undefined) expect(process.version.split('.')[0]).toBe(`v${major}`);
  });
});
