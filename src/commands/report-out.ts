// A report (flis exit, flis revenue) on stdout, or with --out in a file: written whole, never over a file
// with other content.

import { dirname, resolve } from 'node:path';
import { EXIT_USAGE, FlisError } from '../errors.js';
import { displayPath } from '../inputs.js';
import type { Ui } from '../ui.js';
import { ensureFolder, planWrites, writeFilesAtomically } from '../writers/output.js';
import type { CommandContext } from './context.js';

export async function writeReport(text: string, out: string | undefined, context: CommandContext, ui: Ui): Promise<void> {
  if (out === undefined) {
    context.stdout.write(text);
    return;
  }
  const path = resolve(context.cwd, out);
  await ensureFolder(dirname(path));
  const plan = await planWrites([{ path, content: text }]);
  if (plan.conflicting.length > 0) {
    throw new FlisError(`${displayPath(path, context.cwd)} already exists with other content; flis does not overwrite it`, EXIT_USAGE, 'Remove it, or give --out another file.');
  }
  if (plan.toWrite.length > 0) await writeFilesAtomically(plan.toWrite);
  ui.info(plan.toWrite.length > 0 ? `flis: wrote ${displayPath(path, context.cwd)}` : `flis: ${displayPath(path, context.cwd)} is already this report, unchanged`);
}
