// What a run folder holds, read back (for flis exit --invoices), and the SHA-256 of a run's inputs (for the
// manifest). Kept apart from inputs.ts: only the commands that need it load it.

import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssuedInvoice } from './engine/settlement.js';
import { UsageError } from './errors.js';
import { displayPath, readFileWith } from './inputs.js';
import type { IssuedRow } from './documents/invoice-document.js';
import { histories } from './ledger/corrections.js';
import { type InputRecord, MANIFEST_FILE, parseManifest } from './ledger/manifest.js';
import { issuedInvoice, readIssuedRows } from './readers/issued-invoices.js';

/** An issued invoice or credit note file of a run folder, by its name. */
export const ISSUED_FILE = /^(invoices-\d{4}-(H1|H2|DEC)|corrections-\d{4}-(H1|H2|DEC)-\d+)\.csv$/;

export function readIssuedRowsFile(path: string): Promise<IssuedRow[]> {
  return readFileWith(path, 'invoice file', readIssuedRows);
}

/**
 * The invoices in force in a folder written by `flis invoice --out`: those its manifest lists (or, in a
 * folder without one, every invoice and correction file), each credit note cancelling what it credits.
 */
export async function readIssuedInvoiceFolder(folder: string): Promise<IssuedInvoice[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = displayPath(folder);
    throw new UsageError(
      code === 'ENOTDIR' && existsSync(folder)
        ? `the invoice folder ${shown} is a file, not a folder`
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? `the invoice folder ${shown} does not exist`
          : `cannot read the invoice folder ${shown}: ${(error as Error).message}`,
      'Give --invoices the --out folder of earlier flis invoice runs.',
    );
  }
  let files = names.filter((n) => ISSUED_FILE.test(n)).sort();
  if (names.includes(MANIFEST_FILE)) {
    const manifestPath = join(folder, MANIFEST_FILE);
    const manifest = parseManifest(displayPath(manifestPath), await readFile(manifestPath, 'utf8'));
    const listed = new Set(manifest.entries.flatMap((e) => e.outputs.map((o) => o.file)));
    files = files.filter((n) => listed.has(n));
  }
  const rows: IssuedRow[] = [];
  for (const name of files) rows.push(...(await readIssuedRowsFile(join(folder, name))));
  return [...histories(rows).values()].flatMap((h) => (h.inForce ? [issuedInvoice(h.inForce)] : []));
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
