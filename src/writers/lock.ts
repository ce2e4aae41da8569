// One flis writing a run folder at a time: a lock file holding the writer's pid and host. A second flis waits
// for it (FLIS_LOCK_WAIT seconds, default 10) and then refuses; a lock left by a process that no longer runs on
// this host is taken over.

import { hostname } from 'node:os';
import { join } from 'node:path';
import { open, readFile, rm } from 'node:fs/promises';
import { EXIT_USAGE, FlisError } from '../errors.js';

export const LOCK_FILE = '.flis.lock';

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

/** Takes the folder's lock; resolves to the function that releases it. */
export async function acquireLock(folder: string, options: LockOptions): Promise<() => Promise<void>> {
  const path = join(folder, LOCK_FILE);
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: options.now().toISOString() }));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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
        `${folder} is being written by ${who}`,
        EXIT_USAGE,
        `Run again when it has finished. If no flis is running, remove ${path}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
