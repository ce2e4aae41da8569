// The roster (tilslutning): which municipalities are connected to FLIS, and from when.
//
// CSV with a header row, `;` or `,`, UTF-8 with or without BOM. Columns (any order, case-insensitive):
//   kommune          code (3 or 4 digits) or name                              required
//   available_from   tilrådighedsstillelse: the day FLIS was made available  required
//   pilot_start      first day of a pilot period                               optional
//   exit_date        udtræden: first day no longer connected                   optional
//   ean              13-digit GLN, check digit validated, not all zeros, and   optional
//                    no other municipality's on the roster
//   reference        the municipality's order or person reference for its     optional
//                    invoices (personreference), one line of text
//   street,          the address its invoices go to (street, building number,  optional,
//   building_number, 4-digit postal code, city): overrides the address flis   all four
//   postal_code,     has for it, and gives one where flis has none confirmed   together
//   city
//   kontostreng      its account string, which goes on its invoices            optional
//   comment          free text, ignored                                        optional
// Dates are YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY. Text that goes on an invoice (reference, address, kontostreng)
// is one line, and never starts as a formula would in a spreadsheet (= + - @). Every problem is reported, each
// with its line.

import { InputError, ProblemList } from '../errors.js';
import { type CalendarDate, type DateParse, formatDate, isAfter, parseTypedDate } from '../engine/dates.js';
import { buildingNumberProblem, formulaProblem, glnProblem, invoiceTextProblem, placeNameProblem, postalCodeProblem, referenceProblem } from '../documents/identifiers.js';
import { editDistance } from '../engine/edit-distance.js';
import { type Municipality, describeMunicipality, matchArea } from '../engine/municipalities.js';
import type { Connection } from '../engine/types.js';
import { type CsvRecord, fieldProblem, isBlankRecord, parseCsv, refuseNotCsv, sniffDelimiter } from './csv.js';
import { decodeText } from './text.js';

export interface RosterRead {
  readonly file: string;
  readonly connections: readonly Connection[];
  /** Things worth telling the user that are not errors (columns flis does not use). */
  readonly notices: readonly string[];
}

const ADDRESS_COLUMNS = ['street', 'building_number', 'postal_code', 'city'] as const;
const COLUMNS = ['kommune', 'available_from', 'pilot_start', 'exit_date', 'ean', 'reference', ...ADDRESS_COLUMNS, 'kontostreng', 'comment'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['kommune', 'available_from'];

/** Dates flis accepts (on a roster, and as flis exit --date): not before 2000, not after 2099. */
const EARLIEST_YEAR = 2000;
const LATEST_YEAR = 2099;

/** A date as a person types it (see parseTypedDate: YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY), between 2000 and 2099. */
export function parseRosterDate(text: string): DateParse {
  const parsed = parseTypedDate(text);
  if (parsed.ok && (parsed.date.year < EARLIEST_YEAR || parsed.date.year > LATEST_YEAR)) {
    return { ok: false, message: `"${text.trim()}" is out of range: flis takes dates from ${EARLIEST_YEAR} to ${LATEST_YEAR}` };
  }
  return parsed;
}

/** Column names compare without case and separators: "Available From", "available-from", "exitdate". */
function columnKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

const COLUMN_BY_KEY = new Map<string, Column>(COLUMNS.map((c) => [columnKey(c), c]));

/** A known column the name is a near miss of ("exit_dato", or "exit" cut short), if any. */
function nearMiss(key: string): Column | undefined {
  return COLUMNS.find((c) => {
    const known = columnKey(c);
    const tolerance = Math.min(known.length, key.length) >= 6 ? 2 : 1;
    return editDistance(key, known) <= tolerance || (key.length >= 3 && known.startsWith(key));
  });
}

export async function readRoster(file: string, bytes: AsyncIterable<Uint8Array>): Promise<RosterRead> {
  const text = await decodeText(file, bytes, 'other');
  refuseNotCsv(file, text.head);
  const delimiter = sniffDelimiter(text.head);
  const problems = new ProblemList();
  const connections: Connection[] = [];
  const seen = new Map<string, number>();
  const notices: string[] = [];
  let index: Partial<Record<Column, number>> | undefined;
  let header: CsvRecord | undefined;

  const problem = (record: CsvRecord, column: number | undefined, culprit: string | undefined, message: string, hint?: string): void => {
    problems.add(fieldProblem(file, record, message, hint, column, culprit));
  };

  /** What is wrong with an EAN beyond its form: all zeros (no one's), or one given above (an EAN is one buyer's address). */
  const eans = new Map<string, { municipality: Municipality; line: number }>();
  const eanTaken = (ean: string, municipality: Municipality, line: number): string | undefined => {
    if (/^0+$/.test(ean)) return `EAN ${ean} is all zeros: no buyer has it`;
    const earlier = eans.get(ean);
    if (!earlier) {
      eans.set(ean, { municipality, line });
      return undefined;
    }
    return `EAN ${ean} is also ${describeMunicipality(earlier.municipality)}'s (line ${earlier.line}): an EAN addresses one buyer, so one municipality's e-invoice would reach the other`;
  };

  let stopped = false;
  await parseCsv(file, text.chunks, delimiter, (record) => {
    if (stopped) return;
    if (isBlankRecord(record.fields)) return;
    if (!index) {
      header = record;
      index = {};
      record.fields.forEach((field, i) => {
        const name = columnKey(field);
        if (name === '') return;
        const column = COLUMN_BY_KEY.get(name);
        if (column) {
          if (index![column] !== undefined) problem(record, i + 1, field, `the column "${column}" appears twice`);
          index![column] = i;
          return;
        }
        // A near miss of a known column is refused: a misspelt exit_date must not silently leave none.
        const near = nearMiss(name);
        if (near) {
          problem(record, i + 1, field, `unknown column "${field.trim()}"`, `Did you mean "${near}"? The roster's columns are ${COLUMNS.join(', ')}.`);
        } else {
          notices.push(`${file}: the roster's column "${field.trim()}" is not one flis uses; it is ignored`);
        }
      });
      const missing = REQUIRED.filter((c) => index![c] === undefined);
      if (missing.length > 0) {
        problem(record, undefined, undefined, `the header has no ${missing.map((m) => `"${m}"`).join(' or ')} column`, `The roster's header must name at least ${REQUIRED.join(' and ')}.`);
        stopped = true;
        return;
      }
      return;
    }

    const cell = (column: Column): { text: string; column: number } | undefined => {
      const i = index![column];
      if (i === undefined) return undefined;
      const text = (record.fields[i] ?? '').trim();
      return text === '' ? undefined : { text, column: i + 1 };
    };
    const dateIn = (column: Column): CalendarDate | undefined | null => {
      const c = cell(column);
      if (!c) return undefined;
      const parsed = parseRosterDate(c.text);
      if (parsed.ok) return parsed.date;
      problem(record, c.column, c.text, `${column}: ${parsed.message}`);
      return null;
    };

    if (record.fields.length > header!.fields.length && record.fields.slice(header!.fields.length).some((f) => f.trim() !== '')) {
      problem(record, undefined, undefined, `the line has ${record.fields.length} fields, the header has ${header!.fields.length}`, 'Check for a stray separator in the line.');
      return;
    }

    const kommune = cell('kommune');
    if (!kommune) {
      problem(record, (index.kommune ?? 0) + 1, undefined, 'kommune is empty', 'Give the municipality by DST code (461) or name (Odense).');
      return;
    }
    const match = matchArea(kommune.text);
    if (match.kind !== 'municipality') {
      const suggestions = match.kind === 'unknown' ? match.suggestions.map(describeMunicipality) : [];
      problem(
        record,
        kommune.column,
        kommune.text,
        match.kind === 'aggregate' ? `"${kommune.text}" is not a municipality` : `unknown municipality: ${match.reason}`,
        suggestions.length > 0 ? `Did you mean ${suggestions.join(', ')}?` : 'Give the municipality by DST code (461) or name (Odense).',
      );
      return;
    }
    const municipality = match.municipality;
    const earlier = seen.get(municipality.code);
    if (earlier !== undefined) {
      problem(record, kommune.column, kommune.text, `${describeMunicipality(municipality)} is on the roster twice (also on line ${earlier})`, 'A municipality has one roster line; merge the two.');
      return;
    }
    seen.set(municipality.code, record.line);

    const availableFrom = dateIn('available_from');
    const pilotStart = dateIn('pilot_start');
    const exitDate = dateIn('exit_date');
    if (availableFrom === undefined) {
      problem(record, (index.available_from ?? 0) + 1, undefined, `available_from is empty for ${describeMunicipality(municipality)}`, 'Every connected municipality needs the date FLIS was made available to it.');
    }
    if (availableFrom && exitDate && !isAfter(exitDate, availableFrom)) {
      const c = cell('exit_date')!;
      problem(
        record,
        c.column,
        c.text,
        `exit_date ${formatDate(exitDate)} is not after available_from ${formatDate(availableFrom)}`,
        'exit_date is the first day no longer connected; it must come after the day FLIS was made available.',
      );
      return;
    }
    const ean = cell('ean');
    const badEan = ean && (glnProblem(ean.text) ?? eanTaken(ean.text, municipality, record.line));
    if (ean && badEan) problem(record, ean.column, ean.text, badEan);
    const reference = cell('reference');
    const badReference = reference && (referenceProblem(reference.text) ?? formulaProblem(reference.text));
    if (reference && badReference) {
      problem(record, reference.column, reference.text, `reference: ${badReference}`, 'The reference goes on the invoice and into its CSV as one line of text; write it without line breaks, control characters or a leading = + - @.');
    }
    const address = addressIn(record, cell, problem, municipality);
    const kontostreng = cell('kontostreng');
    const badKontostreng = kontostreng && invoiceTextProblem(kontostreng.text);
    if (kontostreng && badKontostreng) problem(record, kontostreng.column, kontostreng.text, `kontostreng: ${badKontostreng}`, 'The account string goes on the invoice and into its CSV as one line of text.');

    if (availableFrom && pilotStart !== null && exitDate !== null && !badEan && !badReference && address !== null && !badKontostreng) {
      connections.push({
        municipality,
        availableFrom,
        ...(pilotStart ? { pilotStart } : {}),
        ...(exitDate ? { exitDate } : {}),
        ...(ean ? { ean: ean.text } : {}),
        ...(reference ? { reference: reference.text } : {}),
        ...(address ? { invoiceAddress: address } : {}),
        ...(kontostreng ? { kontostreng: kontostreng.text } : {}),
        source: { file, line: record.line },
      });
    }
  });

  if (!index) problems.add({ file, message: 'the roster is empty: no header row', hint: `The header names ${COLUMNS.join(', ')}.` });
  problems.throwIfAny();
  if (connections.length === 0) {
    throw new InputError({ file, message: 'the roster lists no municipality', hint: 'Add one line per connected municipality below the header.' });
  }
  return { file, connections, notices };
}


type Cell = (column: Column) => { text: string; column: number } | undefined;
type Problem = (record: CsvRecord, column: number | undefined, culprit: string | undefined, message: string, hint?: string) => void;

/**
 * The invoice address a roster line gives: all four columns or none (undefined); null where what it gives is
 * wrong or incomplete (a problem added for each fault, at its column).
 */
function addressIn(record: CsvRecord, cell: Cell, problem: Problem, municipality: Municipality): { street: string; buildingNumber: string; postalCode: string; city: string } | undefined | null {
  const checks: Record<(typeof ADDRESS_COLUMNS)[number], (text: string) => string | undefined> = {
    street: placeNameProblem,
    building_number: buildingNumberProblem,
    postal_code: postalCodeProblem,
    city: placeNameProblem,
  };
  const given = ADDRESS_COLUMNS.filter((c) => cell(c) !== undefined);
  if (given.length === 0) return undefined;
  let sound = true;
  for (const column of given) {
    const c = cell(column)!;
    const wrong = checks[column](c.text);
    if (wrong) {
      problem(record, c.column, c.text, `${column}: ${wrong}`);
      sound = false;
    }
  }
  const missing = ADDRESS_COLUMNS.filter((c) => !given.includes(c));
  if (missing.length > 0) {
    problem(
      record,
      undefined,
      undefined,
      `the invoice address of ${describeMunicipality(municipality)} has no ${missing.join(', ')}`,
      `An invoice address is given whole: ${ADDRESS_COLUMNS.join(', ')}; or leave all four empty for the address flis has for the municipality.`,
    );
    return null;
  }
  if (!sound) return null;
  return { street: cell('street')!.text, buildingNumber: cell('building_number')!.text, postalCode: cell('postal_code')!.text, city: cell('city')!.text };
}
