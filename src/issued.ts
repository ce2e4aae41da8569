// What a run folder holds, read back and verified (for flis exit and flis revenue --invoices), and the SHA-256
// of a run's inputs (for the manifest). Kept apart from inputs.ts: only the commands that need it load it.

import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IssuedInvoice } from './engine/settlement.js';
import { UsageError } from './errors.js';
import { displayPath } from './inputs.js';
import { histories } from './ledger/corrections.js';
import { type InputRecord, MANIFEST_FILE } from './ledger/manifest.js';
import { issuedInvoice } from './readers/issued-invoices.js';
import { readRunFolder } from './writers/run-folder-read.js';

/**
 * The invoices in force in a folder written by `flis invoice --out`, each credit note cancelling what it
 * credits: read through the one verified reader (writers/run-folder-read.ts), so the folder is refused (exit 1,
 * every problem at once) unless its manifest is sound and every file it lists is there as issued. A folder
 * without a manifest is refused too. Files the manifest does not list were not issued: they are not read, and
 * `warn` names them.
 */
export async function readIssuedInvoiceFolder(folder: string, warn?: (message: string) => void): Promise<IssuedInvoice[]> {
  const shown = displayPath(folder);
  const hint = 'Give --invoices the --out folder of earlier flis invoice runs.';
  let stat;
  try {
    stat = statSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `the invoice folder ${shown} does not exist` : `cannot read the invoice folder ${shown}: ${(error as Error).message}`, hint);
  }
  if (!stat.isDirectory()) throw new UsageError(`the invoice folder ${shown} is a file, not a folder`, hint);
  const { documents, unlisted } = await readRunFolder(folder, shown, { requireManifest: true });
  for (const name of unlisted) warn?.(`${join(shown, name)} is not listed in ${MANIFEST_FILE}: it was not issued, and is not read`);
  return [...histories(documents).values()].flatMap((h) => (h.inForce ? [issuedInvoice(h.inForce)] : []));
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The inputs of a run with their SHA-256, for the manifest. */
export async function inputRecords(files: { readonly population?: string; readonly roster?: string; readonly tariff?: string; readonly config?: string }): Promise<InputRecord[]> {
  const records: InputRecord[] = [];
  for (const role of ['population', 'roster', 'tariff', 'config'] as const) {
    const path = files[role];
    if (path !== undefined) records.push({ role, file: displayPath(path), sha256: await sha256OfFile(path) });
  }
  return records;
}
