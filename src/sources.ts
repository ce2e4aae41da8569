// Where a command's inputs come from, decided in one place: each input's path, how it was chosen (an option,
// the config, or the file `flis fetch` saved) and, for a file flis fetch saved (or one written in its shape), its
// provenance, read and verified once. The commands ask it for their inputs, the documents for the words that
// name their sources (never a path or an option), and the stale check for whether Statistics Denmark has
// published a newer population than the one at hand.

import { existsSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type CalendarDate, formatDate, parseIsoDate } from './engine/dates.js';
import { type InputProblem, UsageError } from './errors.js';
import { type SavedProvenance, verifySaved } from './fetch/provenance.js';
import { sidecarPath } from './fetch/save.js';
import {
  POPULATION_TABLES,
  type PopulationTableId,
  isProjectionFileName,
  januaryFirst,
  populationFileName,
  populationFileYear,
} from './fetch/tables.js';
import { type Config, displayPath, inputPath, requireInput, statbankSettings } from './inputs.js';
import type { PopulationRead } from './readers/dst-population.js';
import type { FiguresSource } from './texts/texts.js';
import type { Ui } from './ui.js';

/** How an input's path was chosen. */
export type Chosen = 'option' | 'config' | 'saved';

export interface InputSource {
  /** Its absolute path. */
  readonly path: string;
  readonly chosen: Chosen;
  /** Its provenance, verified against it: a file flis fetch saved (or one written in that shape), wherever it is. */
  readonly provenance?: SavedProvenance;
}

export interface Sources {
  readonly population: InputSource;
  readonly roster: InputSource;
  readonly tariff?: InputSource;
  readonly forecast?: InputSource;
}

export interface InputFlags {
  readonly population?: string;
  readonly roster?: string;
  readonly tariff?: string;
  readonly forecast?: string;
}

export interface SourceRequest {
  readonly flags: InputFlags;
  /** The population wanted: that of a year (invoice, check), or the newest at hand (exit, revenue, which carry it forward). */
  readonly population: { readonly year: number } | 'newest';
  /** --fetch: the population saved from Statistics Denmark, even where the config names a file. */
  readonly fromStatbank?: boolean;
  /** Fetches the population of a year not saved yet (invoice --fetch); without it, a file not saved is a usage error. */
  readonly fetchMissing?: (path: string, table: PopulationTableId, year: number) => Promise<unknown>;
  /** Why a file not saved is not fetched, for the message ("--dry-run fetches nothing"). */
  readonly whyNot?: string;
}

interface Where {
  readonly cwd: string;
}

/** The path the population of `year` is saved under by flis fetch: the config's folder and the table's name. */
export function savedPopulationPath(config: Config, table: PopulationTableId, year: number, cwd: string): string {
  return resolve(statbankSettings(config, cwd).folder, populationFileName(table, year));
}

/** Whether the population is the one saved from Statistics Denmark: --fetch, or "statbank" in the config and no --population. */
export function populationFromStatbank(request: Pick<SourceRequest, 'flags' | 'fromStatbank'>, config: Config): boolean {
  return request.fromStatbank === true || (request.flags.population === undefined && config.populationFromStatbank === true);
}

/**
 * Where each input of a command comes from. Population: --population, the config's file, or (--fetch,
 * "population": "statbank") the file flis fetch saved for the year, or the newest saved; forecast: --forecast,
 * or with "statbank" for the newest population, the newest projection saved. A file flis fetch saved is
 * checked against its provenance here, once (a missing file is fetched first where the command allows it).
 */
export async function inputSources(request: SourceRequest, config: Config, where: Where, ui: Ui): Promise<Sources> {
  const { flags } = request;
  const population = populationFromStatbank(request, config)
    ? await savedPopulation(request, config, where, ui)
    : givenFile('population', requireInput('population', inputPath('population', flags.population, config, where.cwd)), flags.population, where);
  const roster = requireInput('roster', inputPath('roster', flags.roster, config, where.cwd));
  const tariff = inputPath('tariff', flags.tariff, config, where.cwd);
  const forecast =
    flags.forecast !== undefined
      ? givenFile('forecast', resolve(where.cwd, flags.forecast), flags.forecast, where)
      : request.population === 'newest' && config.populationFromStatbank
        ? newestSavedProjection(config, where, ui)
        : undefined;
  return {
    population,
    roster: { path: roster, chosen: flags.roster === undefined ? 'config' : 'option' },
    ...(tariff ? { tariff: { path: tariff, chosen: flags.tariff === undefined ? 'config' : 'option' } } : {}),
    ...(forecast ? { forecast } : {}),
  };
}

/**
 * A population or forecast file named by an option or the config. One named as flis fetch names what it saves
 * (FOLK1A-2025K1.csv, FRKM126.csv) with a provenance beside it is a saved file given by its path: it is checked
 * against its provenance as any saved file is, and its documents name it as fetched. Any other is KOMBIT's own.
 */
function givenFile(what: 'population' | 'forecast', path: string, flag: string | undefined, where: Where): InputSource {
  const chosen: Chosen = flag === undefined ? 'config' : 'option';
  if (!existsSync(sidecarPath(path))) return { path, chosen };
  const name = basename(path);
  if (what === 'population') {
    for (const table of POPULATION_TABLES) {
      const year = populationFileYear(table, name);
      if (year !== undefined) return { path, chosen, provenance: verify(path, where, table, januaryFirst(table, year), `flis fetch population --year ${year} --table ${table}`, '--population FILE') };
    }
  } else if (isProjectionFileName(name)) {
    const table = name.slice(0, -'.csv'.length);
    return { path, chosen, provenance: verify(path, where, table, undefined, `flis fetch projection --table ${table}`, '--forecast FILE') };
  }
  return { path, chosen };
}

/** Checks a saved file against its provenance (src/fetch/provenance.ts) and returns what it records. */
function verify(path: string, where: Where, table: string, time: string | undefined, refetch: string, instead: string): SavedProvenance {
  return verifySaved({ path, show: (p) => displayPath(p, where.cwd), table, ...(time ? { time } : {}), refetch, instead });
}

/**
 * The population saved from Statistics Denmark: the year's file (fetched first when it is not saved yet and the
 * command allows it), or the newest saved.
 */
async function savedPopulation(request: SourceRequest, config: Config, where: Where, ui: Ui): Promise<InputSource> {
  const { folder, table } = statbankSettings(config, where.cwd);
  let year: number;
  if (request.population === 'newest') {
    const years = savedYears(folder, table);
    if (years.length === 0) {
      throw new UsageError(
        `no population fetched from Statistics Denmark in ${displayPath(folder, where.cwd)}`,
        'Run flis fetch population --year YYYY first (the latest year DST has published), or give --population FILE.',
      );
    }
    year = Math.max(...years);
  } else {
    year = request.population.year;
  }
  const path = savedPopulationPath(config, table, year, where.cwd);
  const shown = displayPath(path, where.cwd);
  const saved = existsSync(path);
  if (!saved && !request.fetchMissing) {
    throw new UsageError(
      `the population on 1 January ${year} has not been fetched from Statistics Denmark: ${shown} does not exist`,
      `Run flis fetch population --year ${year} first${request.whyNot ? ` (${request.whyNot})` : ''}, or give --population FILE.`,
    );
  }
  if (!saved) await request.fetchMissing!(path, table, year);
  const provenance = verify(path, where, table, januaryFirst(table, year), `flis fetch population --year ${year}`, '--population FILE');
  if (saved) ui.info(`flis: population: ${shown}, ${provenance.kind === 'transcribed' ? 'saved in the shape flis fetch saves (transcribed figures)' : 'fetched from Statistics Denmark before'}`);
  return { path, chosen: 'saved', provenance };
}

/** The years of the populations saved in the folder for the table. */
function savedYears(folder: string, table: PopulationTableId): number[] {
  return (existsSync(folder) ? readdirSync(folder) : []).flatMap((name) => populationFileYear(table, name) ?? []);
}

/** The newest projection flis fetch saved (FRKM1YY.csv), if any. */
function newestSavedProjection(config: Config, where: Where, ui: Ui): InputSource | undefined {
  const { folder } = statbankSettings(config, where.cwd);
  const saved = (existsSync(folder) ? readdirSync(folder) : []).filter(isProjectionFileName).sort();
  const newest = saved[saved.length - 1];
  if (newest === undefined) return undefined;
  const path = resolve(folder, newest);
  const table = newest.replace(/\.csv$/i, '').toUpperCase();
  const provenance = verify(path, where, table, undefined, `flis fetch projection --table ${table}`, '--forecast FILE');
  ui.info(`flis: projection: ${displayPath(path, where.cwd)}, fetched from Statistics Denmark before`);
  return { path, chosen: 'saved', provenance };
}

// ---------------------------------------------------------------------------------------------------------
// The sources as the documents name them

/** The day of a Date in the local time zone. */
function localDay(date: Date): CalendarDate {
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** The years a file has figures for (1 January), oldest first. */
export function yearsOf(read: PopulationRead): number[] {
  const years = new Set<number>();
  for (const byYear of read.figures.values()) for (const year of byYear.keys()) years.add(year);
  return [...years].sort((a, b) => a - b);
}

/**
 * The table a file given by KOMBIT comes from, as far as its content tells: an API file whose times are all
 * quarters is FOLK1A's shape (2024K1), all months FOLK1AM's (2024M01); anything else flis cannot tell.
 */
function tableOfGiven(read: PopulationRead): string | undefined {
  if (read.layout !== 'api' || read.times.size !== 1) return undefined;
  return read.times.has('quarter') ? 'FOLK1A' : read.times.has('month') ? 'FOLK1AM' : undefined;
}

/** The table's year of a time value ("2025K1", "2025M04", "2050"). */
const yearOfTime = (time: string): number | undefined => {
  const year = Number(/^(\d{4})/.exec(time)?.[1]);
  return Number.isInteger(year) ? year : undefined;
};

/**
 * The words of a document for where a population (or, with `forecast`, a projection) comes from. A file fetched
 * is DST's latest when its provenance shows it held the latest 1 January the table had then, and no newer one is
 * due by today (publishedYear).
 */
export function figuresSource(source: InputSource, read: PopulationRead, today: CalendarDate, forecast = false): FiguresSource {
  const years = yearsOf(read);
  const p = source.provenance;
  if (p?.kind === 'transcribed') return { kind: 'transcribed', table: p.table, years };
  if (p?.kind === 'fetched') {
    const newest = years[years.length - 1] ?? 0;
    const latestThen = p.latestTime === undefined ? undefined : yearOfTime(p.latestTime);
    const updated = p.tableUpdated === undefined ? undefined : parseIsoDate(p.tableUpdated.slice(0, 10));
    const latest = !forecast && latestThen !== undefined && newest >= latestThen && newest >= publishedYear(today);
    return {
      kind: 'fetched',
      table: p.table,
      years,
      ...(p.fetchedAt ? { fetchedOn: localDay(p.fetchedAt) } : {}),
      ...(updated ? { tableUpdated: updated } : {}),
      ...(latest ? { latest } : {}),
    };
  }
  const table = forecast ? undefined : tableOfGiven(read);
  return { kind: 'given', years, ...(table ? { table } : {}), ...(!table && read.layout === 'statbank' ? { webExport: true } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// Stale populations

/**
 * Statistics Denmark publishes the population on 1 January of a year in the second week of February: by this
 * day of February, a newer 1 January is out.
 */
export const PUBLISHED_BY_FEBRUARY = 15;

/** The newest 1 January Statistics Denmark has normally published by `today`. */
export function publishedYear(today: CalendarDate): number {
  return today.month > 2 || (today.month === 2 && today.day >= PUBLISHED_BY_FEBRUARY) ? today.year : today.year - 1;
}

/**
 * The newest 1 January at hand: of the file read, or with the population saved from Statistics Denmark, of the
 * newest saved in the folder (what exit and revenue take).
 */
function newestAtHand(sources: Sources, read: PopulationRead, config: Config, cwd: string): number {
  const fromFile = Math.max(...yearsOf(read));
  if (sources.population.chosen !== 'saved') return fromFile;
  const { folder, table } = statbankSettings(config, cwd);
  return Math.max(fromFile, ...savedYears(folder, table));
}

/**
 * A warning (file, message, hint) when Statistics Denmark has published, by today, the population on 1 January
 * of `wanted` (default: the newest it has published) and the population at hand does not have it: the file is
 * stale. None when it holds that year or a later one.
 */
export function staleWarning(
  sources: Sources,
  read: PopulationRead,
  config: Config,
  context: { readonly cwd: string; readonly today: () => CalendarDate },
  wanted?: number,
): InputProblem | undefined {
  const today = context.today();
  const published = publishedYear(today);
  const year = wanted ?? published;
  const newest = newestAtHand(sources, read, config, context.cwd);
  if (year > published || newest >= year) return undefined;
  const { table } = statbankSettings(config, context.cwd);
  const saved = displayPath(savedPopulationPath(config, table, year, context.cwd), context.cwd);
  const use =
    sources.population.chosen === 'saved'
      ? `it saves ${saved}, which is then used`
      : `it saves ${saved}: give it with --population, or set "population": "statbank" in the config to use the newest saved`;
  return {
    file: read.file,
    message:
      `the population at hand goes up to 1 January ${newest}, but by today (${formatDate(today)}) Statistics Denmark has published 1 January ${year} ` +
      `(it publishes 1 January by ${PUBLISHED_BY_FEBRUARY} February)`,
    hint: `Get it with flis fetch population --year ${year} (${use}).`,
  };
}

/** A warning of staleWarning's on stderr (as flis invoice says what flis check warns of), if there is one. */
export function sayStale(ui: Pick<Ui, 'warn'>, warning: InputProblem | undefined): void {
  if (warning) ui.warn(`${warning.file}: ${warning.message}\n  ${warning.hint}`);
}
