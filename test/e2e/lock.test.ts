// The run folder's lock, under real flis processes started together: however they meet a stale lock, exactly
// one writes at a time, so that every issue is in the manifest and every file it lists is there with its
// SHA-256. (Before stale locks were taken over under a marker, two flis could each remove the stale lock and
// create their own, the second removing the first's: both wrote, and one issue went missing.)

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { type FSWatcher, existsSync, readFileSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, type Result, temporaryFolder } from './flis.js';

/** A population file of `year` (DST's 1 January 2024 figures under that year's name): runs of other years. */
function populationOf(year: number): string {
  const path = join(temporaryFolder(), `FOLK1A-${year}K1.csv`);
  writeFileSync(path, readFileSync(join(ROOT, 'fixtures/statbank/FOLK1A-2024K1.csv'), 'utf8').replaceAll('2024K1', `${year}K1`));
  return path;
}

/** Six different runs, each its own entry in the manifest (two municipalities each: the lock is what is tested). */
const RUNS = [2024, 2025, 2026].flatMap((year) => {
  const population = populationOf(year);
  return ['H1', 'H2'].map((run) => ['--period', run, '--year', String(year), '--population', population, '--roster', 'fixtures/roster/odense-and-kobenhavn.csv']);
});

function start(args: readonly string[]): { child: ChildProcess; result: Promise<Result> } {
  const env = { ...process.env, FLIS_LOCK_WAIT: '60' };
  for (const key of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'FLIS_DEBUG']) delete env[key];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<Result>((done) => child.on('close', (code) => done({ code: code ?? -1, stdout, stderr })));
  return { child, result };
}

const lockOf = (pid: number) => JSON.stringify({ pid, host: hostname(), since: '2025-02-03T06:00:00.000Z' });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Resolves when every one of `pids` has tried the lock in `folder` at least once (each try writes the flis's
 * temporary ..flis.lock.PID.tmp before linking it), or after `limitMs` whatever happened.
 */
function allTried(folder: string, pids: readonly number[], limitMs: number): { ready: Promise<void>; watcher: FSWatcher } {
  const waiting = new Set(pids.map((pid) => `..flis.lock.${pid}.tmp`));
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((done) => (resolveReady = done));
  const timer = setTimeout(resolveReady, limitMs);
  const watcher = watch(folder, (_event, name) => {
    if (name !== null) waiting.delete(name.toString());
    if (waiting.size === 0) {
      clearTimeout(timer);
      resolveReady();
    }
  });
  return { ready, watcher };
}

describe('a stale lock met by several flis at once', () => {
  it('is taken over by one at a time: every issue is in the manifest, every file it lists is as recorded', async () => {
    // Each round: a folder locked by a running process; six flis start, each issuing another run, and wait for it;
    // once all of them have tried the lock, its holder dies, and they all find the lock stale within their
    // next look (every 100 ms). Four rounds: seconds, and with the old takeover most rounds lost an issue.
    for (let round = 1; round <= 4; round++) {
      const out = temporaryFolder();
      const holder = spawn('sleep', ['60']);
      const holderGone = new Promise((done) => holder.on('exit', done));
      writeFileSync(join(out, '.flis.lock'), lockOf(holder.pid!));
      const runs = RUNS.map((run) => start(['invoice', ...run, '--out', out, '--quiet']));
      const { ready, watcher } = allTried(out, runs.map((r) => r.child.pid!), 20_000);
      await ready;
      watcher.close();
      holder.kill('SIGKILL');
      await holderGone;
      const results = await Promise.all(runs.map((r) => r.result));

      expect(results.map((r) => [r.code, r.stderr]), `round ${round}`).toEqual(RUNS.map(() => [0, '']));
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { entries: { year: number; run: string; outputs: { file: string; sha256: string }[] }[] };
      expect(manifest.entries.map((e) => `${e.run} ${e.year}`).sort(), `round ${round}`).toEqual(RUNS.map((r) => `${r[1]} ${r[3]}`).sort());
      for (const output of manifest.entries.flatMap((e) => e.outputs)) expect(sha(join(out, output.file)), output.file).toBe(output.sha256);
      // Nothing of the lock is left: no lock, no marker of a takeover, no temporary.
      expect(readdirSync(out).filter((name) => name.startsWith('.')), `round ${round}`).toEqual([]);
    }
  }, 180_000);

  it('a lock left by a flis that had died before any of them started is taken over once', async () => {
    const out = temporaryFolder();
    const gone = spawn('true');
    await new Promise((done) => gone.on('exit', done));
    writeFileSync(join(out, '.flis.lock'), lockOf(gone.pid!));
    const results = await Promise.all(RUNS.slice(0, 3).map((run) => start(['invoice', ...run, '--out', out]).result));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(results.map((r) => r.stderr).join('').match(/took over the lock of flis pid \d+/g)).toEqual([`took over the lock of flis pid ${gone.pid}`]);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries).toHaveLength(3);
    expect(existsSync(join(out, '.flis.lock'))).toBe(false);
  }, 60_000);
});
