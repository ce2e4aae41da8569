// One flis writing a run folder at a time: a lock file holding the writer's pid and host. A second flis waits
// for it (FLIS_LOCK_WAIT seconds, default 10) and then refuses; a lock left by a process that no longer runs on
// this host is taken over.
//
// The lock file appears with its whole content or not at all: the holder is written to a temporary, which is
// then hard-linked to the lock's name (link fails if the lock exists, as O_EXCL would). A flis killed while
// taking the lock so never leaves an empty lock that no one can tell is stale.

import { hostname } from 'node:os';
import { join } from 'node:path';
import { link, open, readFile, rm, writeFile } from 'node:fs/promises';
import { EXIT_USAGE, FlisError, displayPath } from '../errors.js';
import { describeWriteError, temporaryFor } from './output.js';

export const LOCK_FILE = '.flis.lock';

/** How long a second flis waits for a run folder another is writing (FLIS_LOCK_WAIT, seconds). */
export function lockWaitMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.FLIS_LOCK_WAIT ?? '10');
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 10_000;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderOf(path: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Holder;
  } catch {
    return undefined; // gone meanwhile, or half-written by its holder: look again
  }
}

export interface LockOptions {
  readonly waitMs: number;
  readonly now: () => Date;
  readonly onStale?: (holder: Holder) => void;
}

/** Creates the lock file with its content; false when it already exists. */
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

/** Takes the folder's lock; resolves to the function that releases it. */
export async function acquireLock(folder: string, options: LockOptions): Promise<() => Promise<void>> {
  const path = join(folder, LOCK_FILE);
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    if (await createLock(path, JSON.stringify({ pid: process.pid, host: hostname(), since: options.now().toISOString() }))) {
      return () => rm(path, { force: true });
    }
    const holder = await holderOf(path);
    if (holder && holder.host === hostname() && !isRunning(holder.pid)) {
      options.onStale?.(holder);
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `flis (pid ${holder.pid} on ${holder.host}, since ${holder.since})` : 'another flis';
      throw new FlisError(
        `${displayPath(folder)} is being written by ${who}`,
        EXIT_USAGE,
        `Run again when it has finished. If no flis is running, remove ${displayPath(path)}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
