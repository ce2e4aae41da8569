// The run folder's lock, one flis at a time: the takeover of a stale lock under its marker, and what is left
// when a flis dies in the middle of one. (Several real flis meeting a stale lock: test/e2e/lock.test.ts.)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlisError, UsageError } from '../../src/errors.js';
import { LOCK_FILE, acquireLock } from '../../src/writers/lock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'flis-lock-'));
/** The pid of a process that has ended. */
const deadPid = () => spawnSync('true').pid;
const lockOf = (pid: number) => JSON.stringify({ pid, host: hostname(), since: '2025-02-03T06:00:00.000Z' });
const markerOf = (lock: string) => `${LOCK_FILE}.stale-${createHash('sha256').update(lock).digest('hex').slice(0, 16)}`;
const options = (waitMs = 0, stale: unknown[] = []) => ({ waitMs, now: () => new Date('2025-02-03T07:00:00Z'), onStale: (holder: unknown) => stale.push(holder) });

describe('the lock of a run folder', () => {
  it('holds the pid, host and a nonce of its own, and is gone once released', async () => {
    const dir = folder();
    const release = await acquireLock(dir, options());
    const held = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(held).toMatchObject({ pid: process.pid, host: hostname(), since: '2025-02-03T07:00:00.000Z' });
    expect(held.nonce).toMatch(/^[0-9a-f]{24}$/);
    await release();
    const again = await acquireLock(dir, options());
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).nonce).not.toBe(held.nonce);
    await again();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes over a stale lock (one written by an older flis, without a nonce), saying whose, and leaves no marker', async () => {
    const dir = folder();
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), lockOf(pid));
    const stale: unknown[] = [];
    const release = await acquireLock(dir, options(0, stale));
    expect(stale).toEqual([{ pid, host: hostname(), since: '2025-02-03T06:00:00.000Z' }]);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    await release();
  });

  it('does not touch a stale lock another flis is taking over: waits, then names the marker and the lock to remove', async () => {
    const dir = folder();
    const lock = lockOf(deadPid());
    writeFileSync(join(dir, LOCK_FILE), lock);
    // The marker of a flis that died after creating it, before removing the stale lock.
    writeFileSync(join(dir, markerOf(lock)), lockOf(deadPid()));
    const error = await acquireLock(dir, options(300)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlisError);
    expect((error as FlisError).exitCode).toBe(2);
    expect((error as FlisError).message).toMatch(/is locked by flis \(pid \d+ on .*\), which is no longer running, and another flis began taking the lock over and has not finished$/);
    expect((error as FlisError).hint).toBe(`Run again in a moment. If no flis is running, remove ${join(dir, markerOf(lock))} and ${join(dir, LOCK_FILE)}.`);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(lock);
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, markerOf(lock)].sort());
  });

  it('removes a marker a dead flis left after its takeover, once it holds the lock; a living one\'s stays', async () => {
    const dir = folder();
    const left = markerOf(lockOf(deadPid()));
    const living = markerOf('another lock');
    writeFileSync(join(dir, left), lockOf(deadPid()));
    writeFileSync(join(dir, living), lockOf(process.pid));
    const release = await acquireLock(dir, options());
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, living].sort());
    await release();
  });

  it('a lock that is a link to nothing is waited on like any lock, then named to remove', async () => {
    const dir = folder();
    symlinkSync(join(dir, 'nowhere'), join(dir, LOCK_FILE));
    const error = await acquireLock(dir, options(300)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlisError);
    expect((error as FlisError).message).toBe(`${dir} is being written by another flis`);
    expect((error as FlisError).hint).toBe(`Run again when it has finished. If no flis is running, remove ${join(dir, LOCK_FILE)}.`);
  });

  it('a lock that is not a file (a pipe no one writes to) is refused at once, not waited on for ever', async () => {
    const dir = folder();
    expect(spawnSync('mkfifo', [join(dir, LOCK_FILE)]).status).toBe(0);
    const error = await acquireLock(dir, options(60_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`cannot write ${join(dir, LOCK_FILE)}: it is a pipe (FIFO), not a file`);
  });
});
