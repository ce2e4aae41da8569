// One flis writing a run folder at a time: a lock file holding the writer's pid, host and a nonce. A second
// flis waits for it (FLIS_LOCK_WAIT seconds, default 10) and then refuses; a lock left by a process that no
// longer runs on this host is taken over.
//
// The lock file appears with its whole content or not at all: the holder is written to a temporary, which is
// then hard-linked to the lock's name (link fails if the lock exists, as O_EXCL would). A flis killed while
// taking the lock so never leaves an empty lock that no one can tell is stale.
//
// Taking over a stale lock. Several flis may find the same stale lock at once. Were each to remove "the lock"
// and then create its own, one could remove the lock another had just created in its place, and both would
// write the folder (one issue lost from the manifest). So a stale lock is only removed under a marker named
// after its bytes, .flis.lock.stale-HASH, created exclusively as the lock is: the one flis that creates the
// marker reads the lock again and removes it only if it still holds those bytes exactly; it then takes the lock
// the normal way (exclusively: another flis may have been quicker) and removes the marker. Every other flis
// waits and looks again. While the stale lock exists no one can create a lock, and only the marker's creator
// removes it, so two flis never hold the lock together. The nonce makes the bytes of every lock differ, so a
// marker can only ever stand for the one lock it was made for: once that lock is gone, a late flis that creates
// the marker again finds other bytes and removes nothing. The marker is named after a hash of the bytes rather
// than the nonce alone so that a lock written by an older flis (without a nonce) is taken over the same way.
//
// A flis that dies between creating the marker and removing the stale lock leaves both: flis does not guess
// whether that marker is abandoned. The others wait, and at the end of the wait name the files to remove.
// (A marker left after the stale lock was removed stands for a lock that can never return; the next flis to
// hold the lock removes it.)

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { link, open, readdir, rm, writeFile } from 'node:fs/promises';
import { EXIT_USAGE, FlisError, displayPath } from '../errors.js';
import { describeWriteError, readExisting, sha256, temporaryFor } from './output.js';

export const LOCK_FILE = '.flis.lock';
/** The marker of a takeover: LOCK_FILE + this + the start of the SHA-256 of the stale lock's bytes. */
const STALE_MARKER = '.stale-';
/** A lock or a marker is a line of JSON; anything longer is not one of flis's, and is not read further. */
const MAX_LOCK_BYTES = 4096;

/** How long a second flis waits for a run folder another is writing (FLIS_LOCK_WAIT, seconds). */
export function lockWaitMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.FLIS_LOCK_WAIT ?? '10');
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 10_000;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** Absent in a lock written by an earlier flis. */
  readonly nonce?: string;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's (or a marker's) bytes, or undefined when it is gone. What is not a regular file is a usage error. */
async function bytesOf(path: string): Promise<Buffer | undefined> {
  return readExisting(path, MAX_LOCK_BYTES);
}

function holderIn(bytes: Buffer | undefined): Holder | undefined {
  if (bytes === undefined) return undefined;
  try {
    const holder = JSON.parse(bytes.toString('utf8')) as Holder;
    return typeof holder?.pid === 'number' && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined; // half-written by its holder (a file system without hard links), or not flis's: look again
  }
}

const isStale = (holder: Holder | undefined): holder is Holder => holder !== undefined && holder.host === hostname() && !isRunning(holder.pid);

export interface LockOptions {
  readonly waitMs: number;
  readonly now: () => Date;
  readonly onStale?: (holder: Holder) => void;
}

/** Creates the lock file (or a marker) with its content; false when it already exists. */
async function createLock(path: string, content: string): Promise<boolean> {
  const temporary = temporaryFor(path);
  try {
    await writeFile(temporary, content);
    await link(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (FAT, some network shares): create it exclusively and write it.
    if (code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || (code === 'EPERM' && (error as NodeJS.ErrnoException).syscall === 'link')) {
      return createLockInPlace(path, content);
    }
    throw describeWriteError(error as NodeJS.ErrnoException, path);
  } finally {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

async function createLockInPlace(path: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw describeWriteError(error as NodeJS.ErrnoException, path);
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return true;
}

/** The marker under which the stale lock with these bytes is taken over. */
function markerFor(path: string, stale: Buffer): string {
  return `${path}${STALE_MARKER}${sha256(stale).slice(0, 16)}`;
}

type Takeover = 'taken' | 'busy' | 'lost';

/**
 * Takes over the stale lock `stale` (its bytes as read) under its marker: 'taken' when this flis now holds the
 * lock, 'busy' when another flis holds the marker, 'lost' when the stale lock was gone or another flis took the
 * lock first (in either of those, wait and look again).
 */
async function takeOver(path: string, stale: Buffer, holder: Holder, mine: string, options: LockOptions): Promise<Takeover> {
  const marker = markerFor(path, stale);
  if (!(await createLock(marker, mine))) return 'busy';
  try {
    const now = await bytesOf(path);
    if (now === undefined || !now.equals(stale)) return 'lost';
    await rm(path, { force: true });
    options.onStale?.(holder);
    return (await createLock(path, mine)) ? 'taken' : 'lost';
  } finally {
    await rm(marker, { force: true });
  }
}

/**
 * Markers of takeovers left by a flis that died after the stale lock was removed: with this flis holding the
 * lock, the lock each stands for is gone for good, so none of them can let anyone remove anything.
 */
async function removeLeftMarkers(folder: string): Promise<void> {
  const prefix = `${LOCK_FILE}${STALE_MARKER}`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const holder = holderIn(await bytesOf(join(folder, name)).catch(() => undefined));
    if (isStale(holder)) await rm(join(folder, name), { force: true });
  }
}

/** Takes the folder's lock; resolves to the function that releases it. */
export async function acquireLock(folder: string, options: LockOptions): Promise<() => Promise<void>> {
  const path = join(folder, LOCK_FILE);
  const deadline = Date.now() + options.waitMs;
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: options.now().toISOString(), nonce: randomBytes(12).toString('hex') });
  for (;;) {
    let taken = await createLock(path, mine);
    let busyMarker: string | undefined;
    let holder: Holder | undefined;
    if (!taken) {
      const bytes = await bytesOf(path);
      holder = holderIn(bytes);
      // (No lock to read: released meanwhile, or a link to nothing; either way, look again after the wait.)
      if (bytes !== undefined && isStale(holder)) {
        const outcome = await takeOver(path, bytes, holder, mine, options);
        taken = outcome === 'taken';
        if (outcome === 'busy') busyMarker = markerFor(path, bytes);
      }
    }
    if (taken) {
      await removeLeftMarkers(folder);
      return () => rm(path, { force: true });
    }
    if (Date.now() >= deadline) throw busy(folder, path, holder, busyMarker);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The refusal at the end of the wait: who holds the folder, and what to remove if no flis is running. */
function busy(folder: string, path: string, holder: Holder | undefined, marker: string | undefined): FlisError {
  const who = (h: Holder) => `flis (pid ${h.pid} on ${h.host}, since ${h.since})`;
  if (marker !== undefined && holder !== undefined) {
    return new FlisError(
      `${displayPath(folder)} is locked by ${who(holder)}, which is no longer running, and another flis began taking the lock over and has not finished`,
      EXIT_USAGE,
      `Run again in a moment. If no flis is running, remove ${displayPath(marker)} and ${displayPath(path)}.`,
    );
  }
  return new FlisError(
    `${displayPath(folder)} is being written by ${holder ? who(holder) : 'another flis'}`,
    EXIT_USAGE,
    `Run again when it has finished. If no flis is running, remove ${displayPath(path)}.`,
  );
}
