// Which config flis uses: --config, else FLIS_CONFIG, else flis.config.json in the working folder or the nearest
// folder above it (stopping after the home folder and after a repository's top); and flis check says which.

import { chownSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

/** A folder whose flis.config.json names a population and a roster of two municipalities beside it, in data/. */
function configured(folder = temporaryFolder()): string {
  mkdirSync(join(folder, 'data'), { recursive: true });
  copyFileSync(join(ROOT, 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv'), join(folder, 'data/pop.csv'));
  copyFileSync(join(ROOT, 'fixtures/roster/odense-and-kobenhavn.csv'), join(folder, 'data/roster.csv'));
  writeFileSync(join(folder, 'flis.config.json'), '{ "population": "data/pop.csv", "roster": "data/roster.csv" }\n');
  return folder;
}

function below(folder: string, ...names: string[]): string {
  const path = join(folder, ...names);
  mkdirSync(path, { recursive: true });
  return path;
}

const H1 = ['invoice', '--period', 'H1', '--year', '2024', '--json'];
const NET = '2325171.72'; // Odense and København, H1 2024
const net = (stdout: string): string => (JSON.parse(stdout) as { totals: { net_amount: string } }).totals.net_amount;
const NO_INPUT = /^flis: error: no population file: give --population FILE\n/;

describe('a config in a folder above the working folder', () => {
  it('is found, as git finds its repository; its paths are taken from its own folder; flis says it used it', async () => {
    const top = configured();
    const r = await flis(H1, { cwd: below(top, 'runs', '2024') });
    expect(r.code, r.stderr).toBe(0);
    expect(net(r.stdout)).toBe(NET);
    expect(r.stderr).toBe(`flis: config: ${join(top, 'flis.config.json')} (found in a folder above the working folder)\n`);
    expect((await flis([...H1, '--quiet'], { cwd: below(top, 'runs') })).stderr).toBe('');
  });

  it('the nearest wins: one in the working folder is used, and not announced', async () => {
    const top = configured();
    const here = configured(below(top, 'here'));
    writeFileSync(join(top, 'flis.config.json'), '{ "population": "no/such.csv", "roster": "no/such.csv" }\n');
    const r = await flis(H1, { cwd: here });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(net(r.stdout)).toBe(NET);
  });

  it('is not looked for above the top of a git repository (a folder with .git)', async () => {
    const top = configured();
    const repository = below(top, 'repository');
    mkdirSync(join(repository, '.git'));
    const r = await flis(H1, { cwd: below(repository, 'sub') });
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(NO_INPUT)]);
    // .git as a file (a worktree, a submodule) is a repository's top as well
    writeFileSync(join(below(top, 'worktree'), '.git'), 'gitdir: elsewhere\n');
    expect((await flis(H1, { cwd: below(top, 'worktree', 'sub') })).code).toBe(2);
  });

  it('is looked for in the home folder, not above it', async () => {
    const top = configured();
    const home = below(top, 'home');
    const r = await flis(H1, { cwd: below(home, 'billing'), env: { HOME: home } });
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(NO_INPUT)]);
    configured(home);
    const found = await flis(H1, { cwd: below(home, 'billing'), env: { HOME: home } });
    expect(found.code, found.stderr).toBe(0);
    expect(found.stderr).toBe(`flis: config: ${join(home, 'flis.config.json')} (found in a folder above the working folder)\n`);
  });

  it.skipIf(process.getuid?.() !== 0)('is refused when it belongs to another user (not root): given with --config, it is taken', async () => {
    const top = configured();
    chownSync(join(top, 'flis.config.json'), 4242, 4242);
    const r = await flis(H1, { cwd: below(top, 'runs') });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `flis: error: ${join(top, 'flis.config.json')}, found above the working folder, belongs to another user (uid 4242): flis does not take a config someone else could have put there\n` +
        '  Give it with --config (or FLIS_CONFIG) if you mean to use it; or run flis in a folder of your own.\n',
    );
    expect(r.stdout).toBe('');
    const given = await flis([...H1, '--config', '../flis.config.json'], { cwd: below(top, 'runs') });
    expect(given.code, given.stderr).toBe(0);
    expect(net(given.stdout)).toBe(NET);
  });
});

describe('FLIS_CONFIG', () => {
  it('names the config when --config does not; its paths are taken from its own folder; --config wins', async () => {
    const elsewhere = configured();
    const cwd = temporaryFolder();
    const r = await flis(H1, { cwd, env: { FLIS_CONFIG: join(elsewhere, 'flis.config.json') } });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(net(r.stdout)).toBe(NET);
    const flag = await flis([...H1, '--config', join(ROOT, 'flis.config.json')], { cwd, env: { FLIS_CONFIG: join(cwd, 'no-such.json') } });
    expect(flag.code, flag.stderr).toBe(0);
    expect(JSON.parse(flag.stdout).totals.count).toBe(98);
  });

  it('wins over a flis.config.json in the working folder; empty, it is not set', async () => {
    const elsewhere = configured();
    const here = configured();
    writeFileSync(join(here, 'flis.config.json'), '{ "population": "no/such.csv", "roster": "no/such.csv" }\n');
    expect(net((await flis(H1, { cwd: here, env: { FLIS_CONFIG: join(elsewhere, 'flis.config.json') } })).stdout)).toBe(NET);
    const empty = await flis(H1, { cwd: here, env: { FLIS_CONFIG: '' } });
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('no/such.csv does not exist')]);
  });

  it('a file that is not there is a usage error that says FLIS_CONFIG named it', async () => {
    const cwd = temporaryFolder();
    const r = await flis(H1, { cwd, env: { FLIS_CONFIG: 'gone.json' } });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^flis: error: the FLIS_CONFIG file gone\.json does not exist\n/);
  });
});

describe('flis check says which config it used, and where it came from', () => {
  const check = ['check', '--year', '2024'];
  it.each([
    ['the working folder', [], {}, 'flis: config: flis.config.json (in the working folder)\n'],
    ['--config', ['--config', 'flis.config.json'], {}, 'flis: config: flis.config.json (given with --config)\n'],
    ['FLIS_CONFIG', [], { FLIS_CONFIG: 'flis.config.json' }, 'flis: config: flis.config.json (named by FLIS_CONFIG)\n'],
  ])('%s', async (_, args, env, line) => {
    const r = await flis([...check, ...args], { env });
    expect(r.stderr.startsWith(line), r.stderr).toBe(true);
    expect((await flis([...check, ...args, '--quiet'], { env })).stderr).not.toMatch(/config/);
  });

  it('a folder above, and none at all', async () => {
    const top = configured();
    const r = await flis(check, { cwd: below(top, 'sub') });
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([0, `flis: config: ${join(top, 'flis.config.json')} (found in a folder above the working folder)`]);
    const repository = below(temporaryFolder(), 'repository');
    mkdirSync(join(repository, '.git'));
    const none = await flis(check, { cwd: below(repository, 'sub') });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(new RegExp(`^flis: no config: no --config, no FLIS_CONFIG, and no flis\\.config\\.json in the working folder or above it up to ${repository}\nflis: error: no population file`));
  });
});
