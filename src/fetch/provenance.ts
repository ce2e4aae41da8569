// Before a file `flis fetch` saved is billed on, it is checked against its provenance (the .json beside it,
// written with it): the provenance must be there and sound, name the table and time the file's name says, and
// record the file's size and SHA-256. A file edited by hand after it was fetched, or a provenance missing or
// damaged, is refused naming both files: what Statistics Denmark answered is all flis bills on from a saved file.
// What the provenance says of the file's origin is returned, for the documents to name it: fetched from the
// StatBank API (and when, and whether it held DST's latest then), or DST's figures written in that shape from
// another source ("kind": "transcribed"), which is never presented as fetched.

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

/** What a verified provenance says of its file's origin. */
export interface SavedProvenance {
  /**
   * fetched: DST's answer to flis fetch, byte for byte (provenances without "kind" are these); transcribed: DST's
   * figures written in the shape flis fetch saves, taken from another source than the StatBank API.
   */
  readonly kind: 'fetched' | 'transcribed';
  readonly table: string;
  readonly time?: string;
  /** When it was fetched (fetched only; where the provenance records a time that can be read). */
  readonly fetchedAt?: Date;
  /** When DST last updated the table, as /tableinfo says ("2025-02-11T08:00:00"), where recorded. */
  readonly tableUpdated?: string;
  /** The table's latest time when fetched ("2025K1"); provenances written before flis recorded it have none. */
  readonly latestTime?: string;
}

const KINDS: Readonly<Record<string, SavedProvenance['kind']>> = { fetched: 'fetched', transcribed: 'transcribed' };

/** Throws an InputError unless the saved file is byte for byte what its provenance records; returns what it records. */
export function verifySaved(saved: SavedFile): SavedProvenance {
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
  const { sha256: recorded, bytes, table, time, kind } = provenance;
  if (kind !== undefined && (typeof kind !== 'string' || !Object.hasOwn(KINDS, kind))) damaged('kind', `"kind" must be "fetched" or "transcribed", not ${JSON.stringify(kind)}`);
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
        `${csv} is not the file ${kind === 'transcribed' ? 'its provenance records' : 'Statistics Denmark answered'}: ` +
        (content.length !== bytes ? `it has ${content.length} bytes, its provenance (${json}:${lineOfKey(text, 'bytes')}) records ${bytes as number}` : `its SHA-256 is ${actual}, its provenance (${json}:${lineOfKey(text, 'sha256')}) records ${recorded as string}`),
      hint: `The file was changed after flis fetch saved it. ${again}`,
    });
  }
  return originOf(provenance, table as string);
}

/** The origin a sound provenance records; a time it records that cannot be read is left out, not guessed. */
function originOf(provenance: Record<string, unknown>, table: string): SavedProvenance {
  const text = (key: string): string | undefined => (typeof provenance[key] === 'string' && provenance[key] !== '' ? (provenance[key] as string) : undefined);
  const kind = KINDS[text('kind') ?? 'fetched']!;
  const fetchedAt = kind === 'fetched' && text('fetched_at') !== undefined ? new Date(text('fetched_at')!) : undefined;
  const time = text('time');
  const tableUpdated = text('table_updated');
  const latestTime = kind === 'fetched' ? text('latest_time') : undefined;
  return {
    kind,
    table,
    ...(time ? { time } : {}),
    ...(fetchedAt && !Number.isNaN(fetchedAt.getTime()) ? { fetchedAt } : {}),
    ...(tableUpdated ? { tableUpdated } : {}),
    ...(latestTime ? { latestTime } : {}),
  };
}
