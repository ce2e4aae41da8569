// The StatBank tables flis fetches, and the names their files are saved under. Small on purpose: the config
// reader needs it on every command.

import { UsageError } from '../errors.js';

export const POPULATION_TABLES = ['FOLK1A', 'FOLK1AM'] as const;
export type PopulationTableId = (typeof POPULATION_TABLES)[number];

/** The time value of 1 January of `year` in the table: 2025K1 (FOLK1A, quarterly), 2025M01 (FOLK1AM, monthly). */
export function januaryFirst(table: PopulationTableId, year: number): string {
  return table === 'FOLK1A' ? `${year}K1` : `${year}M01`;
}

/** The file name a fetched population is saved under: FOLK1A-2025K1.csv. */
export function populationFileName(table: PopulationTableId, year: number): string {
  return `${table}-${januaryFirst(table, year)}.csv`;
}

/** The year of a file named as populationFileName names the table's files, or undefined for any other name. */
export function populationFileYear(table: PopulationTableId, name: string): number | undefined {
  const year = Number(/^[^-]+-(\d{4})/.exec(name)?.[1]);
  return Number.isInteger(year) && name === populationFileName(table, year) ? year : undefined;
}

export function parsePopulationTable(text: string | undefined): PopulationTableId {
  if (text === undefined) return 'FOLK1A';
  const table = text.trim().toUpperCase();
  if ((POPULATION_TABLES as readonly string[]).includes(table)) return table as PopulationTableId;
  throw new UsageError(`--table must be ${POPULATION_TABLES.join(' or ')}, not "${text}"`, 'FOLK1A is the population on the 1st of each quarter, FOLK1AM on the 1st of each month.');
}


/** DST's municipal projection made in `year`: FRKM126 for 2026 (DST replaces the table each year). */
export function projectionTable(year: number): string {
  return `FRKM1${String(year % 100).padStart(2, '0')}`;
}

const PROJECTION_TABLE = /^FRKM1\d\d$/;

/** The file name a fetched projection is saved under: FRKM126.csv. */
export function projectionFileName(table: string): string {
  return `${table}.csv`;
}

/** Whether a file is named as projectionFileName names a projection's. */
export function isProjectionFileName(name: string): boolean {
  return name.endsWith('.csv') && PROJECTION_TABLE.test(name.slice(0, -'.csv'.length));
}

export function parseProjectionTable(text: string): string {
  const table = text.trim().toUpperCase();
  if (PROJECTION_TABLE.test(table)) return table;
  throw new UsageError(`--table for the projection must be FRKM1YY (e.g. FRKM126), not "${text}"`, 'Leave --table out for the newest projection.');
}
