// A report (flis exit, flis revenue) on stdout, or with --out in a file: written whole, never over a file
// with other content.

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT_USAGE, FlisError, UsageError } from '../errors.js';
import { displayPath } from '../inputs.js';
import type { Ui } from '../ui.js';
import { ensureFolder, planWrites, writeFilesAtomically } from '../writers/output.js';
import type { CommandContext } from './context.js';

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // not there (or a file stands above it: ensureFolder says so)
  }
}

export async function writeReport(text: string, out: string | undefined, context: CommandContext, ui: Ui): Promise<void> {
  if (out === undefined) {
    context.stdout.write(text);
    return;
  }
  const path = resolve(context.cwd, out);
  const shown = displayPath(path, context.cwd);
  if (isFolder(path)) {
    throw new UsageError(`${shown} is a folder: --out names the file the report is written to`, 'Give --out the name of a file: a new one, or one holding this same report.');
  }
  const made = await ensureFolder(dirname(path), { file: path, hint: 'Give --out a file in a folder, or move the file in the way; nothing was written.' });
  const plan = await planWrites([{ path, content: text }]);
  if (plan.conflicting.length > 0) {
    throw new FlisError(`${shown} already exists with other content; flis does not overwrite it`, EXIT_USAGE, 'Remove it, or give --out another file.');
  }
  if (plan.toWrite.length > 0) await writeFilesAtomically(plan.toWrite);
  const folder = made === undefined ? '' : `, in the new folder ${displayPath(dirname(path), context.cwd)}`;
  ui.info(plan.toWrite.length > 0 ? `flis: wrote ${shown}${folder}` : `flis: ${shown} is already this report, unchanged`);
}
