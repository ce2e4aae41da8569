// Fetching Statistics Denmark's municipal population projection (FRKM1YY, e.g. FRKM126 for the 2026
// projection: DST replaces the table each year, and its id carries the vintage). Variables as DST publishes
// them: KOMMUNEDK (the 98 municipalities and Christiansø; OMRÅDE in older tables such as FRKM120), ALDER (TOT,
// 0 … 100-), KØN (M, K, no total), Tid (years). flis asks every municipality and every year with age and sex eliminated, so DST answers the whole
// population (both sexes summed by DST); the answer is read back with the population reader and must give
// every one of the 98 municipalities a figure for every year.

import { InputError, UnavailableError, UsageError } from '../errors.js';
import { MUNICIPALITIES } from '../engine/municipalities.js';
import { readPopulation } from '../readers/dst-population.js';
import { inOneChunk } from '../readers/text.js';
import { type FetchReport, type FetchedFile, areaVariable, dataRequest, fetchCsv, isPublished, provenanceOf, tableInfo } from './population.js';
import type { StatbankClient } from './statbank.js';
import { projectionTable } from './tables.js';

export interface FetchedProjection extends FetchedFile {
  readonly table: string;
  readonly years: readonly number[];
}

/** The table of the newest projection: --table, or this year's (FRKM1YY), or last year's before DST publishes this year's. */
async function describeProjection(client: StatbankClient, given: string | undefined, year: number) {
  const candidates = given !== undefined ? [given] : [projectionTable(year), projectionTable(year - 1)];
  const refused: string[] = [];
  for (const table of candidates) {
    const found = await tableInfo(client, table, { missingOk: true });
    if (found) return found;
    refused.push(table);
  }
  if (given !== undefined) throw new UsageError(`Statistics Denmark has no table ${given}`, 'The municipal projection is FRKM1YY, YY the year it was made (FRKM126 for 2026); leave --table out for the newest.');
  throw new UnavailableError(
    `Statistics Denmark has neither ${refused.join(' nor ')}: flis cannot find the newest municipal projection`,
    'DST publishes the projection each year (FRKM1YY); give --table with its id. Nothing was written.',
  );
}

export async function fetchProjection(
  client: StatbankClient,
  given: string | undefined,
  year: number,
  label: (table: string) => string,
  now: () => Date,
  report: FetchReport = {},
): Promise<FetchedProjection> {
  report.step?.('Asking Statistics Denmark for its newest municipal projection…');
  const described = await describeProjection(client, given, year);
  const { info } = described;
  const area = areaVariable(info, ['KOMMUNEDK', 'OMRÅDE']);
  const time = info.variables.find((v) => v.time);
  if (!time || time.values.length === 0) throw new UnavailableError(`Statistics Denmark's table ${info.id} has no years`, 'DST may have changed the table.');
  const years = time.values.map((v) => Number(v.id));
  if (years.some((y) => !Number.isInteger(y))) throw new UnavailableError(`Statistics Denmark's table ${info.id} has times that are not years: ${time.values[0]!.id} …`, 'DST may have changed the table.');
  const request = dataRequest(info, area, time, '*');
  report.step?.(`Fetching ${info.id}: ${area.values.length} areas × ${years.length} years…`);
  const data = await fetchCsv(client, info, request, area.values.length * years.length);
  const file = label(info.id);
  const read = await readPopulation(file, inOneChunk(Buffer.from(data.answer.body)), { sumSexes: true });
  const missing = MUNICIPALITIES.flatMap((m) => years.filter((y) => !isPublished(read.figures.get(m.code)?.get(y))).map((y) => `${m.name} (${m.code}) ${y}`));
  if (missing.length > 0) {
    throw new InputError({
      file,
      message: `Statistics Denmark's projection has no figure for ${missing.length} municipality-years: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
      hint: 'Nothing was written: flis keeps only a projection with a figure for every municipality and year (not "..", and not 0, which DST writes for a figure it keeps back). Try again later, or report it to DST.',
    });
  }
  return { table: info.id, years, bytes: data.answer.body, provenance: provenanceOf(described, { answer: data.answer, request }, `${years[0]}–${years[years.length - 1]}`, now()) };
}

