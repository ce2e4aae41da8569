// Fetching the population on 1 January of a year from Statistics Denmark: ask /tableinfo whether the figure is
// published (and when the table was updated), ask /data for every area at that time with every other variable
// eliminated (DST answers at its totals), check the answer is the whole CSV, and read it back with the normal
// population reader: all 98 municipalities must have a figure. Nothing is saved here (see save.ts).

import { InputError, NotPublishedError, UnavailableError, UsageError } from '../errors.js';
import { MUNICIPALITIES } from '../engine/municipalities.js';
import type { PopulationFigure } from '../engine/types.js';
import { type PopulationRead, readPopulation } from '../readers/dst-population.js';
import { type TableInfo, type TableVariable, csvRowCount, readTableInfo, refusal, statbankCsv } from '../readers/statbank.js';
import { inOneChunk } from '../readers/text.js';
import { sha256 } from '../writers/output.js';
import type { StatbankAnswer, StatbankClient } from './statbank.js';
import { type PopulationTableId, januaryFirst } from './tables.js';

/** Where a fetched file came from, saved beside it as JSON (the provenance sidecar). */
export interface Provenance {
  readonly source: string;
  readonly table: string;
  readonly table_text: string;
  readonly time: string;
  readonly url: string;
  readonly request: unknown;
  readonly fetched_at: string;
  readonly http_status: number;
  readonly content_type: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly table_updated: string;
  /** The table's latest time when it was fetched (from /tableinfo): whether the file held DST's latest then. */
  readonly latest_time: string;
  readonly tableinfo_url: string;
  readonly tableinfo_request: unknown;
}

export interface FetchedFile {
  /** DST's answer, byte for byte. */
  readonly bytes: Uint8Array;
  readonly provenance: Provenance;
}

export interface FetchedPopulation extends FetchedFile {
  readonly table: PopulationTableId;
  readonly year: number;
  /** The answer read back with the population reader. */
  readonly read: PopulationRead;
}

export interface FetchReport {
  /** Told what is being done, for the progress line. */
  readonly step?: (text: string) => void;
}

export interface Described {
  readonly info: TableInfo;
  readonly request: unknown;
  readonly answer: StatbankAnswer;
}

/** Asks /tableinfo for a table's description; with missingOk, undefined when DST says it has no such table. */
export async function tableInfo(client: StatbankClient, table: string): Promise<Described>;
export async function tableInfo(client: StatbankClient, table: string, options: { missingOk: true }): Promise<Described | undefined>;
export async function tableInfo(client: StatbankClient, table: string, options?: { missingOk: true }): Promise<Described | undefined> {
  const request = { table, format: 'JSON', lang: 'da' };
  const answer = await client.post('tableinfo', request);
  if (options?.missingOk && refusal(answer) !== undefined) return undefined;
  return { info: readTableInfo(answer), request, answer };
}

function timeVariable(info: TableInfo): TableVariable {
  const time = info.variables.find((v) => v.time);
  if (!time || time.values.length === 0) throw new UnavailableError(`Statistics Denmark's table ${info.id} has no time variable any more`, 'flis cannot ask it for a year; DST may have changed the table.');
  return time;
}

/**
 * The time value asked for, checked against what the table has: later than its latest is not published yet
 * (exit 4); earlier than its first, or a gap, is a usage error.
 */
export function checkPublished(info: TableInfo, wanted: string, when: string): TableVariable {
  const time = timeVariable(info);
  if (time.values.some((v) => v.id === wanted)) return time;
  const first = time.values[0]!.id;
  const latest = time.values[time.values.length - 1]!.id;
  if (wanted > latest) {
    throw new NotPublishedError(
      `${info.id} ${wanted} (${when}) is not published yet: Statistics Denmark's latest is ${latest} (table updated ${info.updated})`,
      'DST usually publishes the population on 1 January (FOLK1A K1) in the second week of February. Nothing was written; try again tomorrow (exit code 4).',
    );
  }
  throw new UsageError(`${info.id} has no ${wanted} (${when}): it runs from ${first} to ${latest}`, 'Ask for a year the table covers.');
}

/** The request body of /data: every value of `area`, the time (or * for all), every other variable eliminated. */
export function dataRequest(info: TableInfo, area: TableVariable, time: TableVariable, timeValue: string): unknown {
  const kept = info.variables.filter((v) => v !== area && v !== time && !v.elimination);
  if (kept.length > 0) {
    throw new UnavailableError(
      `Statistics Denmark's table ${info.id} no longer lets ${kept.map((v) => v.id).join(', ')} be left out, so it cannot answer at the totals`,
      'DST may have changed the table; flis must be changed to ask for it.',
    );
  }
  return {
    table: info.id,
    format: 'CSV',
    lang: 'da',
    variables: [
      { code: area.id, values: ['*'] },
      { code: time.id, values: [timeValue] },
    ],
  };
}

/**
 * Asks /data and checks the answer is not cut short: at least one row per value asked for (DST answers exactly
 * that many; more is left to the reader to judge), and ending with a line break, as DST's CSV does.
 */
export async function fetchCsv(
  client: StatbankClient,
  info: TableInfo,
  request: unknown,
  expectedRows: number,
): Promise<{ answer: StatbankAnswer; text: string }> {
  const answer = await client.post('data', request);
  const text = statbankCsv(answer);
  const rows = csvRowCount(text);
  if (rows < expectedRows || !/\n$/.test(text)) {
    throw new UnavailableError(
      `Statistics Denmark's answer for ${info.id} was cut short: ${rows < expectedRows ? `it has ${rows} rows, not the ${expectedRows} asked for` : 'its last line is not whole'} (${answer.url})`,
      'Nothing was written. Try again later.',
    );
  }
  return { answer, text };
}

export function provenanceOf(
  info: Described,
  data: { answer: StatbankAnswer; request: unknown },
  time: string,
  now: Date,
): Provenance {
  return {
    source: 'Statistics Denmark, StatBank API v1',
    table: info.info.id,
    table_text: info.info.text,
    time,
    url: data.answer.url,
    request: data.request,
    fetched_at: now.toISOString(),
    http_status: data.answer.status,
    content_type: data.answer.contentType,
    bytes: data.answer.body.length,
    sha256: sha256(data.answer.body),
    table_updated: info.info.updated,
    latest_time: timeVariable(info.info).values.at(-1)!.id,
    tableinfo_url: info.answer.url,
    tableinfo_request: info.request,
  };
}

export function areaVariable(info: TableInfo, ids: readonly string[]): TableVariable {
  const area = info.variables.find((v) => ids.includes(v.id.toUpperCase()));
  if (!area) throw new UnavailableError(`Statistics Denmark's table ${info.id} has no ${ids[0]} variable any more`, 'DST may have changed the table; flis must be changed to ask for it.');
  return area;
}

/** Whether DST's answer has a figure: not ".." (not available) and not 0, the value DST writes where it suppresses one. */
export function isPublished(figure: PopulationFigure | undefined): boolean {
  return figure !== undefined && figure.count !== null && figure.count > 0;
}

/** Fetches the population on 1 January of `year`, reads it back, and requires a figure for all 98. */
export async function fetchPopulation(
  client: StatbankClient,
  table: PopulationTableId,
  year: number,
  label: string,
  now: () => Date,
  report: FetchReport = {},
): Promise<FetchedPopulation> {
  const wanted = januaryFirst(table, year);
  report.step?.(`Asking Statistics Denmark whether ${table} ${wanted} is published…`);
  const described = await tableInfo(client, table);
  const time = checkPublished(described.info, wanted, `the population on 1 January ${year}`);
  const area = areaVariable(described.info, ['OMRÅDE']);
  const request = dataRequest(described.info, area, time, wanted);
  report.step?.(`Fetching ${table} ${wanted} for ${area.values.length} areas…`);
  const data = await fetchCsv(client, described.info, request, area.values.length);
  const read = await readPopulation(label, inOneChunk(Buffer.from(data.answer.body)));
  const missing = MUNICIPALITIES.filter((m) => !isPublished(read.figures.get(m.code)?.get(year)));
  if (missing.length > 0) {
    throw new InputError({
      file: label,
      message: `Statistics Denmark's answer has no figure for ${missing.length} of the 98 municipalities on 1 January ${year}: ${missing
        .slice(0, 10)
        .map((m) => `${m.name} (${m.code})`)
        .join(', ')}${missing.length > 10 ? ', …' : ''}`,
      hint: 'Nothing was written: flis keeps only a population with a figure for every municipality (not "..", and not 0, which DST writes for a figure it keeps back). Try again later, or report it to DST.',
    });
  }
  return { table, year, bytes: data.answer.body, read, provenance: provenanceOf(described, { answer: data.answer, request }, wanted, now()) };
}
