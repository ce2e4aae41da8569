// The only place flis writes files. Every file is written whole or not at all: content goes to a temporary
// file beside the target, is flushed to disk, and is renamed into place; all temporaries are written before
// the first rename, so an error while writing leaves none of the new files behind.

import { createHash } from 'node:crypto';
import { type Stats, constants, statSync } from 'node:fs';
import { link, mkdir, open, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FlisError, UsageError, displayPath } from '../errors.js';

export interface PlannedFile {
  readonly path: string;
  /** Text is written as UTF-8; bytes as they are. */
  readonly content: string | Uint8Array;
  /**
   * Published once and never written over (an issued file): hard-linked into place, which fails if the target
   * exists, where a rename would replace it. The caller removes, first, a file it means to replace.
   */
  readonly once?: boolean;
}

/** The SHA-256 of a file's content, as the manifest and the provenance of a fetched file record it. */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A file system error while writing `path`, as a message a person can act on. Paths are shown as everywhere else. */
export function describeWriteError(error: NodeJS.ErrnoException, path: string): UsageError {
  const shown = displayPath(path);
  const where = displayPath(dirname(path));
  switch (error.code) {
    case 'ENOSPC':
      return new UsageError(`cannot write ${shown}: the disk is full`, 'Free some space and run the command again; nothing was written.');
    case 'EROFS':
      return new UsageError(`cannot write ${shown}: ${where} is on a read-only file system`, 'Write to a folder on a file system that can be written to; nothing was written.');
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`cannot write ${shown}: no permission to write in ${where}`, `Write to a folder you may write in, or get permission to write in ${where}; nothing was written.`);
    case 'EISDIR':
      return new UsageError(`cannot write ${shown}: it is a folder, not a file`, 'Give the name of a file to write; nothing was written.');
    case 'ENOTDIR':
    case 'EEXIST': {
      const file = fileInTheWay(dirname(path));
      if (file !== undefined) return inTheWay(file, { file: path });
      return new UsageError(`cannot write ${shown}: ${error.message}`, 'Nothing was written.');
    }
    default:
      return new UsageError(`cannot write ${shown}: ${error.message}`, 'Nothing was written.');
  }
}

/** The file (not a folder) that stands at `folder` or in the place of a folder above it, if there is one. */
export function fileInTheWay(folder: string): string | undefined {
  for (let path = resolve(folder); ; path = dirname(path)) {
    try {
      return statSync(path).isDirectory() ? undefined : path;
    } catch {
      if (dirname(path) === path) return undefined; // nothing above: the error is another one
    }
  }
}

/** `file` stands where a folder is needed: for the folder `target`, or for the file `target` to be written in it. */
function inTheWay(file: string, target: { folder: string } | { file: string }, hint?: string): UsageError {
  const shown = displayPath(file);
  const message =
    'file' in target
      ? `cannot write ${displayPath(target.file)}: ${shown} is a file, not a folder`
      : resolve(file) === resolve(target.folder)
        ? `${shown} is a file, not a folder`
        : `cannot make the folder ${displayPath(target.folder)}: ${shown} is a file, not a folder`;
  return new UsageError(message, hint ?? `Move ${shown} away, or give another path; nothing was written.`);
}

/**
 * A usage error when a file stands where `folder` (or a folder above it) should be; undefined when the folder is
 * there or can be made. `file` is the file to be written in the folder, to name in the message.
 */
export function notAFolder(folder: string, options: { readonly file?: string; readonly hint?: string } = {}): UsageError | undefined {
  const file = fileInTheWay(folder);
  return file === undefined ? undefined : inTheWay(file, options.file !== undefined ? { file: options.file } : { folder }, options.hint);
}

/** What `stats` describes when it is not a regular file ("a folder", "a pipe (FIFO)", …); undefined for a file. */
function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * A usage error when `path`, named as a file to write, stands as something else than a regular file: `shown` is
 * how the path is shown, `why` says what the option names, and `hint` what to give instead (`otherHint` for a
 * device, pipe or socket, such as /dev/stdout: flis writes a file whole or not at all, and never reads or
 * writes one of those). Undefined when it is a file, or not there (or a file stands above it: notAFolder says so).
 */
export function notAFileToWrite(path: string, shown: string, why: string, hint: string, otherHint = hint): UsageError | undefined {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  const kind = kindOf(stats);
  if (kind === undefined) return undefined;
  if (stats.isDirectory()) return new UsageError(`${shown} is a folder: ${why}`, hint);
  return new UsageError(`${shown} is ${kind}, not a file: ${why}`, otherHint);
}

/** A target to write that stands there as something else than a regular file. */
function notAFile(path: string, kind: string): UsageError {
  if (kind === 'a folder') return describeWriteError(Object.assign(new Error('is a folder'), { code: 'EISDIR' }), path);
  return new UsageError(`cannot write ${displayPath(path)}: it is ${kind}, not a file`, 'flis writes regular files only, whole or not at all: give the name of a file; nothing was written.');
}

/**
 * The first bytes of the regular file at `path`, at most `limit` + 1 of them (so that a file larger than `limit`
 * shows as such), or undefined when nothing is there. Something else there (a folder, a device, a pipe, a
 * socket) is a usage error, found before it is opened and again on what was opened (it may have been swapped in
 * meanwhile): a pipe no one writes to would block the read for ever, a device such as /dev/zero never ends.
 */
export async function readExisting(path: string, limit: number): Promise<Buffer | undefined> {
  const refuse = (stats: Stats): void => {
    const kind = kindOf(stats);
    if (kind !== undefined) throw notAFile(path, kind);
  };
  let handle;
  try {
    refuse(await stat(path));
    // O_NONBLOCK: a pipe put in the file's place since stat is opened without waiting for a writer (and refused).
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    refuse(await handle.stat());
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof FlisError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw describeWriteError(error as NodeJS.ErrnoException, path);
  } finally {
    await handle?.close();
  }
}

/**
 * Makes the folder, and the folders above it, where missing; returns the first folder it made, if it made one.
 * `file`, the file to be written in it, is named in the message when a file stands in the way.
 */
export async function ensureFolder(path: string, options: { readonly file?: string; readonly hint?: string } = {}): Promise<string | undefined> {
  try {
    return await mkdir(path, { recursive: true });
  } catch (error) {
    const problem = notAFolder(path, options);
    if (problem) throw problem;
    const cause = await whyNoFolder(path, error as NodeJS.ErrnoException);
    throw describeWriteError(cause.error, cause.folder);
  }
}

/**
 * A recursive mkdir reports ENOENT where the real cause is a read-only or unwritable parent: making the first
 * missing folder on its own gives the error that says why.
 */
async function whyNoFolder(path: string, error: NodeJS.ErrnoException): Promise<{ error: NodeJS.ErrnoException; folder: string }> {
  if (error.code !== 'ENOENT') return { error, folder: path };
  let missing = resolve(path);
  while (dirname(missing) !== missing && !(await exists(dirname(missing)))) missing = dirname(missing);
  try {
    await mkdir(missing);
    await rmdir(missing).catch(() => undefined);
    return { error, folder: path };
  } catch (cause) {
    return { error: cause as NodeJS.ErrnoException, folder: missing };
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The file operations a commit uses; tests hand in ones that fail at a chosen step. */
export interface FileOps {
  readonly open: typeof open;
  readonly rename: typeof rename;
  readonly rm: typeof rm;
  readonly link: typeof link;
}

const REAL: FileOps = { open, rename, rm, link };

/** The temporary a file is written to before it is renamed into place. */
export function temporaryFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/**
 * Writes every file to a temporary beside it and flushes it, then renames them into place (links, for a file
 * published once) in the order given
 * (so the last is the commit point: give the manifest last), then flushes the folder. On an error, no
 * temporary is left behind; files already renamed stay.
 */
export async function writeFilesAtomically(files: readonly PlannedFile[], ops: FileOps = REAL): Promise<void> {
  const temporaries: { temporary: string; target: string; once: boolean }[] = [];
  try {
    for (const file of files) {
      const temporary = temporaryFor(file.path);
      temporaries.push({ temporary, target: file.path, once: file.once === true });
      let handle;
      try {
        handle = await ops.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
        await handle.writeFile(file.content, typeof file.content === 'string' ? 'utf8' : undefined);
        await handle.sync();
      } catch (error) {
        throw describeWriteError(error as NodeJS.ErrnoException, file.path);
      } finally {
        await handle?.close();
      }
    }
    for (const { temporary, target, once } of temporaries) {
      try {
        await (once ? ops.link : ops.rename)(temporary, target);
      } catch (error) {
        if (once && (error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new UsageError(`cannot write ${displayPath(target)}: it is there already, and an issued file is never written over`, 'Another program wrote it while flis was writing; nothing more was written.');
        }
        throw describeWriteError(error as NodeJS.ErrnoException, target);
      }
    }
    await syncFolders(new Set(files.map((f) => dirname(f.path))));
  } finally {
    await Promise.all(temporaries.map(({ temporary }) => ops.rm(temporary, { force: true })));
  }
}

async function syncFolders(folders: Iterable<string>): Promise<void> {
  for (const folder of folders) {
    const handle = await open(folder, constants.O_RDONLY).catch(() => undefined);
    if (!handle) continue;
    await handle.sync().catch(() => undefined); // not every file system syncs a folder
    await handle.close();
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
    const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    // No more of what stands there is read than it takes to tell whether it is this content.
    const existing = await readExisting(file.path, content.length);
    if (existing === undefined) toWrite.push(file);
    else if (existing.equals(content)) unchanged.push(file);
    else conflicting.push(file);
  }
  return { toWrite, unchanged, conflicting };
}
