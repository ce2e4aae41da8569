// Before a file `flis fetch` saved is billed on, it is checked against its provenance (the .json beside it,
// written with it): the provenance must be there and sound, name the table and time the file's name says, and
// record the file's size and SHA-256. A file edited by hand after it was fetched, or a provenance missing or
// damaged, is refused naming both files: what Statistics Denmark answered is all flis bills on from a saved file.

import { readFileSync } from 'node:fs';
import { InputError, type InputProblem } from '../errors.js';
import { keyProblem, lineOfKey, parseJsonObject } from '../readers/json.js';
import { sha256 } from '../writers/output.js';
import { sidecarPath } from './save.js';

export interface SavedFile {
  /** The saved file's absolute path. */
  readonly path: string;
  /** How paths are shown to the user. */
  readonly show: (path: string) => string;
  /** What the file's name says it holds: the table, and the time asked for where the name gives one. */
  readonly table: string;
  readonly time?: string;
  /** The command that fetches the file again, e.g. "flis fetch population --year 2024". */
  readonly refetch: string;
  /** The flag that gives a file of one's own instead, e.g. "--population FILE". */
  readonly instead: string;
}

/** Throws an InputError unless the saved file is byte for byte what its provenance records. */
export function verifySaved(saved: SavedFile): void {
  const csv = saved.show(saved.path);
  const sidecar = sidecarPath(saved.path);
  const json = saved.show(sidecar);
  const again = `Move ${csv} and ${json} away (keep them if invoices were issued from them) and fetch again: ${saved.refetch}; or give ${saved.instead}.`;

  let text: string;
  try {
    text = readFileSync(sidecar, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError({
      file: json,
      message: missing
        ? `${csv} has no provenance: ${json} is missing, so nothing shows that the file is what Statistics Denmark answered`
        : `the provenance of ${csv} cannot be read: ${(error as Error).message}`,
      hint: again,
    });
  }
  let provenance: Record<string, unknown>;
  try {
    provenance = parseJsonObject(json, text, 'provenance');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(error.problems.map((p) => ({ ...p, message: `the provenance of ${csv} is damaged: ${p.message}`, hint: again })));
  }

  const problems: InputProblem[] = [];
  const damaged = (key: string, what: string): void => {
    const why = provenance[key] === undefined ? `it has no "${key}"` : what;
    problems.push(keyProblem(json, text, key, `the provenance of ${csv} is damaged: ${why}`, again));
  };
  const { sha256: recorded, bytes, table, time } = provenance;
  if (typeof recorded !== 'string' || !/^[0-9a-f]{64}$/.test(recorded)) damaged('sha256', `"sha256" must be the file's SHA-256 (64 hexadecimal digits), not ${JSON.stringify(recorded)}`);
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) damaged('bytes', `"bytes" must be the file's size in bytes, not ${JSON.stringify(bytes)}`);
  if (table !== saved.table) damaged('table', `it records the table ${JSON.stringify(table)}, but ${csv} is named for ${saved.table}`);
  if (saved.time !== undefined && time !== saved.time) damaged('time', `it records the time ${JSON.stringify(time)}, but ${csv} is named for ${saved.time}`);
  if (problems.length > 0) throw new InputError(problems);

  const content = readFileSync(saved.path);
  const actual = sha256(content);
  if (actual !== recorded || content.length !== bytes) {
    throw new InputError({
      file: csv,
      message:
        `${csv} is not the file Statistics Denmark answered: ` +
        (content.length !== bytes ? `it has ${content.length} bytes, its provenance (${json}:${lineOfKey(text, 'bytes')}) records ${bytes as number}` : `its SHA-256 is ${actual}, its provenance (${json}:${lineOfKey(text, 'sha256')}) records ${recorded as string}`),
      hint: `The file was changed after flis fetch saved it. ${again}`,
    });
  }
}
