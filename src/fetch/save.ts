// Saving what was fetched from Statistics Denmark: DST's answer byte for byte, and beside it its provenance
// (FILE.json), both whole or neither. A file already saved with the same bytes is left as it is; one with
// other bytes is never overwritten.

import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { ensureFolder, notAFileToWrite, planWrites, readExisting, writeFilesAtomically } from '../writers/output.js';
import type { FetchedFile } from './population.js';

/** The provenance sidecar of a fetched file: data/FOLK1A-2025K1.csv → data/FOLK1A-2025K1.json. */
export function sidecarPath(path: string): string {
  return join(dirname(path), `${basename(path).replace(/\.csv$/i, '')}.json`);
}

export function sidecarText(fetched: FetchedFile): string {
  return `${JSON.stringify(fetched.provenance, null, 2)}\n`;
}

/**
 * A usage error when the provenance of the file at `path` (shown as `shown`) could not be written beside it: a
 * folder, a device or a pipe stands in its place. Looked at before anything is written (and by flis fetch before
 * DST is asked), so that a file is never saved without its provenance.
 */
export function sidecarInTheWay(path: string, shown: string): UsageError | undefined {
  return notAFileToWrite(
    sidecarPath(path),
    sidecarPath(shown),
    `the provenance of ${shown} is written there`,
    `Move ${sidecarPath(shown)} away, or give --out another file name; nothing was written.`,
  );
}

/**
 * Saves the file and its sidecar: 'written', or 'unchanged' when the same bytes are saved already (a missing
 * sidecar is then written). Other bytes under the name are a usage error: nothing is overwritten.
 */
export async function saveFetched(path: string, shown: string, fetched: FetchedFile): Promise<'written' | 'unchanged'> {
  if (/\.json$/i.test(path)) throw new UsageError(`--out ${shown}: the saved file is CSV; its provenance is written beside it as .json`, 'Give --out a file name ending in .csv.');
  await ensureFolder(dirname(path), { file: path });
  const sidecar = { path: sidecarPath(path), content: sidecarText(fetched) };
  const inTheWay = sidecarInTheWay(path, shown);
  if (inTheWay) throw inTheWay;
  const plan = await planWrites([{ path, content: fetched.bytes }]);
  if (plan.conflicting.length > 0) {
    throw new UsageError(
      `${shown} already exists with other figures than Statistics Denmark answers now; flis does not overwrite it`,
      'DST may have revised the table, or the file was changed. Nothing was written: move the old file away (keep it if invoices were issued from it) and fetch again, or give --out another file.',
    );
  }
  if (plan.unchanged.length > 0) {
    if ((await readExisting(sidecar.path, 0)) === undefined) await writeFilesAtomically([sidecar]);
    return 'unchanged';
  }
  await writeFilesAtomically([{ path, content: fetched.bytes }, sidecar]);
  return 'written';
}
