// flis fetch population|projection: ask Statistics Denmark's StatBank API, check the answer, save it with its
// provenance. Also what `flis invoice --fetch` uses to fetch the population of its year (src/sources.ts decides
// when).

import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { type Config, displayPath, configOf, statbankSettings } from '../inputs.js';
import { type Ui, createUi } from '../ui.js';
import type { FetchReport, Provenance } from '../fetch/population.js';
import type { StatbankClient } from '../fetch/statbank.js';
import type { CommandContext } from './context.js';
import { parseYear, yearOrCurrent } from './options.js';
import { type PopulationTableId, parsePopulationTable, parseProjectionTable, projectionFileName } from '../fetch/tables.js';
import { savedPopulationPath } from '../sources.js';

export interface FetchOptions {
  readonly year?: string;
  readonly table?: string;
  readonly out?: string;
  readonly timeout?: string;
  readonly config?: string;
  readonly quiet?: boolean;
}

export const DEFAULT_TIMEOUT_SECONDS = 60;

export function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(text.trim());
  if (!/^-?\d+(\.\d+)?$/.test(text.trim())) {
    throw new UsageError(`--timeout must be a number of seconds, not "${text}"`, `For example --timeout 120; the default is ${DEFAULT_TIMEOUT_SECONDS}.`);
  }
  if (!(seconds > 0) || seconds > 3600) {
    throw new UsageError(`--timeout ${text.trim()} is out of range: give more than 0 and at most 3600 seconds`, `The default is ${DEFAULT_TIMEOUT_SECONDS}.`);
  }
  return Math.round(seconds * 1000);
}

/**
 * Runs `work` with a StatBank client that keeps to the deadline, a progress line on a terminal (retries are
 * also warned of, for logs), and lets go of its connections at the end.
 */
async function asking<T>(
  text: string,
  timeoutMs: number,
  context: CommandContext,
  ui: Ui,
  work: (client: StatbankClient, report: FetchReport) => Promise<T>,
): Promise<T> {
  const { createClient } = await import('../fetch/statbank.js');
  return ui.progress(text, async (update) => {
    const client = createClient({ env: context.env, deadlineMs: timeoutMs, onRetry: (retry) => (ui.warn(retry), update(retry)) });
    try {
      return await work(client, { step: update });
    } finally {
      await client.close();
    }
  });
}

function saidSaved(ui: Ui, outcome: 'written' | 'unchanged', shown: string, what: string, provenance: Provenance): void {
  ui.info(
    outcome === 'written'
      ? `flis: saved ${shown}: ${what} (table updated ${provenance.table_updated}), SHA-256 ${provenance.sha256.slice(0, 12)}…`
      : `flis: ${shown} is already saved with the same figures, unchanged`,
  );
}

/** Fetches the population on 1 January of `year` and saves it at `path`; returns whether it was written. */
export async function fetchPopulationTo(
  path: string,
  table: PopulationTableId,
  year: number,
  timeoutMs: number,
  context: CommandContext,
  ui: Ui,
): Promise<'written' | 'unchanged'> {
  const [{ fetchPopulation }, { saveFetched }] = await Promise.all([import('../fetch/population.js'), import('../fetch/save.js')]);
  const shown = displayPath(path, context.cwd);
  const fetched = await asking(`Asking Statistics Denmark for ${table}…`, timeoutMs, context, ui, (client, report) =>
    fetchPopulation(client, table, year, shown, context.now, report),
  );
  const outcome = await saveFetched(path, shown, fetched);
  const total = [...fetched.read.figures.values()].reduce((sum, years) => sum + (years.get(year)?.count ?? 0), 0);
  saidSaved(ui, outcome, shown, `${table} ${fetched.provenance.time}, the 98 municipalities, ${total.toLocaleString('en')} people`, fetched.provenance);
  return outcome;
}

/** The path the population of `year` is saved under: --out, or the config's folder and the table's name. */
export function populationPath(out: string | undefined, config: Config, table: PopulationTableId, year: number, cwd: string): string {
  return out !== undefined ? resolve(cwd, out) : savedPopulationPath(config, table, year, cwd);
}

export async function fetchCommand(what: string, options: FetchOptions, context: CommandContext): Promise<number> {
  if (what !== 'population' && what !== 'projection') throw new UsageError(`flis fetch ${what}: unknown; it fetches population or projection`);
  const ui = await createUi({ quiet: options.quiet, stderr: () => context.stderr, env: context.env });
  const timeoutMs = parseTimeout(options.timeout);
  const config = await configOf(options.config, context, ui);
  if (options.out !== undefined) await refuseOut(resolve(context.cwd, options.out), context);
  let path: string;
  if (what === 'projection') {
    if (options.year !== undefined) throw new UsageError('--year applies to fetch population: the projection is fetched whole, every year it covers');
    path = await fetchProjectionTo(options, config, timeoutMs, context, ui);
  } else {
    const year = options.year === undefined ? yearOrCurrent(undefined, context, ui, 'fetching the population on 1 January') : parseYear(options.year);
    const table = options.table === undefined ? statbankSettings(config, context.cwd).table : parsePopulationTable(options.table);
    path = populationPath(options.out, config, table, year, context.cwd);
    await fetchPopulationTo(path, table, year, timeoutMs, context, ui);
  }
  context.stdout.write(`${displayPath(path, context.cwd)}\n`);
  return 0;
}

/**
 * --out a folder (or a device, a pipe), a file standing where its folder should be, or something in the way of
 * its provenance: refused before Statistics Denmark is asked.
 */
async function refuseOut(path: string, context: CommandContext): Promise<void> {
  const [{ notAFileToWrite, notAFolder }, { sidecarInTheWay }] = await Promise.all([import('../writers/output.js'), import('../fetch/save.js')]);
  const shown = displayPath(path, context.cwd);
  const problem =
    notAFileToWrite(path, shown, '--out names the file to save', 'Give --out a file name ending in .csv (its provenance goes beside it as .json).') ??
    notAFolder(dirname(path), { file: path }) ??
    sidecarInTheWay(path, shown);
  if (problem) throw problem;
}

/** Fetches the newest municipal projection (or --table's) and saves it: --out, or the folder's FRKM1YY.csv. */
async function fetchProjectionTo(options: FetchOptions, config: Config, timeoutMs: number, context: CommandContext, ui: Ui): Promise<string> {
  const given = options.table === undefined ? undefined : parseProjectionTable(options.table);
  const [{ fetchProjection }, { saveFetched }] = await Promise.all([import('../fetch/projection.js'), import('../fetch/save.js')]);
  const pathOf = (table: string) => (options.out !== undefined ? resolve(context.cwd, options.out) : resolve(statbankSettings(config, context.cwd).folder, projectionFileName(table)));
  const fetched = await asking('Asking Statistics Denmark for its municipal projection…', timeoutMs, context, ui, (client, report) =>
    fetchProjection(client, given, context.today().year, (table) => displayPath(pathOf(table), context.cwd), context.now, report),
  );
  const path = pathOf(fetched.table);
  const shown = displayPath(path, context.cwd);
  const outcome = await saveFetched(path, shown, fetched);
  saidSaved(ui, outcome, shown, `${fetched.table}, the 98 municipalities, ${fetched.provenance.time}`, fetched.provenance);
  return path;
}
