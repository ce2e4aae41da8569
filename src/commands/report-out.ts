// A report (flis exit, flis revenue) on stdout (also --out -), or with --out in a file: written whole, never
// over a file with other content. --out names a regular file: a device, pipe or socket (/dev/stdout, a FIFO,
// /dev/full) is refused before anything is read or written, since what stands there could not be compared
// (a read of a pipe waits for a writer, one of /dev/full never ends) nor replaced whole.

import { dirname, resolve } from 'node:path';
import { EXIT_USAGE, FlisError } from '../errors.js';
import { displayPath } from '../inputs.js';
import type { Ui } from '../ui.js';
import { ensureFolder, notAFileToWrite, planWrites, writeFilesAtomically } from '../writers/output.js';
import type { CommandContext } from './context.js';

export async function writeReport(text: string | Uint8Array, out: string | undefined, context: CommandContext, ui: Ui): Promise<void> {
  if (out === undefined || out === '-') {
    context.stdout.write(text);
    return;
  }
  const path = resolve(context.cwd, out);
  const shown = displayPath(path, context.cwd);
  const notAFile = notAFileToWrite(
    path,
    shown,
    '--out names the file the report is written to',
    'Give --out the name of a file: a new one, or one holding this same report.',
    'Give --out the name of a file, or leave --out out (or give --out -) to write the report to stdout; nothing was written.',
  );
  if (notAFile) throw notAFile;
  const made = await ensureFolder(dirname(path), { file: path, hint: 'Give --out a file in a folder, or move the file in the way; nothing was written.' });
  const plan = await planWrites([{ path, content: text }]);
  if (plan.conflicting.length > 0) {
    throw new FlisError(`${shown} already exists with other content; flis does not overwrite it`, EXIT_USAGE, 'Remove it, or give --out another file.');
  }
  if (plan.toWrite.length > 0) await writeFilesAtomically(plan.toWrite);
  const folder = made === undefined ? '' : `, in the new folder ${displayPath(dirname(path), context.cwd)}`;
  ui.info(plan.toWrite.length > 0 ? `flis: wrote ${shown}${folder}` : `flis: ${shown} is already this report, unchanged`);
}
