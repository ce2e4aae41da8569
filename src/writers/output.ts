// The only place flis writes files. Every file is written whole or not at all: content goes to a temporary
// file beside the target, is flushed to disk, and is renamed into place; all temporaries are written before
// the first rename, so an error while writing leaves none of the new files behind.

import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

export interface PlannedFile {
  readonly path: string;
  readonly content: string;
}

function describeWriteError(error: NodeJS.ErrnoException, path: string): UsageError {
  const where = dirname(path);
  switch (error.code) {
    case 'ENOSPC':
      return new UsageError(`cannot write ${path}: the disk is full`, 'Free some space and run the command again; nothing was written.');
    case 'EROFS':
      return new UsageError(`cannot write ${path}: ${where} is on a read-only file system`, 'Choose another --out folder; nothing was written.');
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`cannot write ${path}: no permission to write in ${where}`, 'Choose another --out folder; nothing was written.');
    case 'ENOTDIR':
    case 'EEXIST':
      return new UsageError(`cannot write ${path}: ${where} is not a folder`, 'Give --out a folder.');
    default:
      return new UsageError(`cannot write ${path}: ${error.message}`, 'Nothing was written.');
  }
}

/** The file's content, or undefined when there is no such file. */
export async function existingContent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw describeWriteError(error as NodeJS.ErrnoException, path);
  }
}

export async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw describeWriteError(error as NodeJS.ErrnoException, join(path, '.'));
  }
}

export async function writeFilesAtomically(files: readonly PlannedFile[]): Promise<void> {
  const temporaries: { temporary: string; target: string }[] = [];
  try {
    for (const file of files) {
      const temporary = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
      temporaries.push({ temporary, target: file.path });
      let handle;
      try {
        handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
        await handle.writeFile(file.content, 'utf8');
        await handle.sync();
      } catch (error) {
        throw describeWriteError(error as NodeJS.ErrnoException, file.path);
      } finally {
        await handle?.close();
      }
    }
    for (const { temporary, target } of temporaries) {
      try {
        await rename(temporary, target);
      } catch (error) {
        throw describeWriteError(error as NodeJS.ErrnoException, target);
      }
    }
  } finally {
    await Promise.all(temporaries.map(({ temporary }) => rm(temporary, { force: true })));
  }
}

/** Which planned files are new, which already stand with the same content, and which would change. */
export interface WritePlan {
  readonly toWrite: readonly PlannedFile[];
  readonly unchanged: readonly PlannedFile[];
  readonly conflicting: readonly PlannedFile[];
}

export async function planWrites(files: readonly PlannedFile[]): Promise<WritePlan> {
  const toWrite: PlannedFile[] = [];
  const unchanged: PlannedFile[] = [];
  const conflicting: PlannedFile[] = [];
  for (const file of files) {
    const existing = await existingContent(file.path);
    if (existing === undefined) toWrite.push(file);
    else if (existing === file.content) unchanged.push(file);
    else conflicting.push(file);
  }
  return { toWrite, unchanged, conflicting };
}
