// flis revenue: the project's income per year over the repayment period (general terms §5), what the invoice
// runs and exit settlements owe; with a run folder, what it has issued reconciled with that; optionally against
// a budget.

import { resolve } from 'node:path';
import { parseDialect } from '../documents/dialect.js';
import { type CalendarDate, formatDate, isAfter, isBefore, parseTypedDate } from '../engine/dates.js';
import { sum } from '../engine/money.js';
import { type SolvedPrice, solvePrice } from '../engine/solve-price.js';
import { describeMunicipality } from '../engine/municipalities.js';
import { revenue, settlementYear } from '../engine/revenue.js';
import { InputError, UsageError } from '../errors.js';
import { displayPath, configOf, readFileWith } from '../inputs.js';
import { readFile } from 'node:fs/promises';
import { readBudget } from '../readers/budget.js';
import { readTariff } from '../readers/tariff.js';
import { type Ui, createUi } from '../ui.js';
import { type Budget, REVENUE_FORMATS, type RevenueReport, renderRevenue } from '../writers/revenue-report.js';
import type { CommandContext } from './context.js';
import { type LoadedInputs, loadInputs } from './load.js';
import { inputSources, sayStale, staleWarning } from '../sources.js';
import { parseFormat, parseLang, parseYear } from './options.js';
import { basisProblems, countOf, listOf } from './problems.js';
import { writeReport } from './report-out.js';

export interface RevenueOptions {
  readonly from?: string;
  readonly to?: string;
  readonly by?: string;
  readonly population?: string;
  readonly roster?: string;
  readonly tariff?: string;
  readonly forecast?: string;
  readonly invoices?: string;
  readonly budget?: string;
  readonly config?: string;
  readonly format?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly dialect?: string;
  readonly lang?: string;
  readonly quiet?: boolean;
  readonly solvePriceFrom?: string;
  readonly writeTariff?: string;
}

function parseBy(text: string | undefined): boolean {
  if (text === undefined) return false;
  const by = text.trim().toLowerCase();
  if (by === 'kommune') return true;
  if (by === 'year') return false;
  throw new UsageError(`unknown --by "${text}"`, 'Give --by kommune for a line per municipality and year (or year, the default).');
}

/** The formats of the report: those of revenue-report.ts, and a workbook (workbooks.ts). */
export const REVENUE_OUTPUT_FORMATS = [...REVENUE_FORMATS, 'xlsx'] as const;

export async function revenueCommand(options: RevenueOptions, context: CommandContext): Promise<number> {
  const format = parseFormat(options, REVENUE_OUTPUT_FORMATS);
  const byKommune = parseBy(options.by);
  const dialect = parseDialect(options.dialect);
  if (dialect !== 'default' && format !== 'csv') throw new UsageError('--dialect applies to --format csv only');
  if (format === 'xlsx' && (options.out === undefined || options.out === '-')) (await import('./binary-out.js')).refuseTerminal(context.stdout, 'the workbook', 'revenue.xlsx');
  const solveFrom = parseSolveFrom(options);
  const fromFlag = options.from === undefined ? undefined : parseYear(options.from, '--from');
  const toFlag = options.to === undefined ? undefined : parseYear(options.to, '--to');
  const ui = await createUi({ quiet: options.quiet, json: format === 'json', stderr: () => context.stderr, env: context.env });
  const config = await configOf(options.config, context, ui);
  const lang = parseLang(options.lang, config);
  const sources = await inputSources({ flags: options, population: 'newest' }, config, context, ui);
  const inputs = await loadInputs(sources, ui, context.today());
  sayStale(ui, staleWarning(sources, inputs.population, config, context));

  // A settlement falls due in the year of its exit date, which may be before the agreement's first year: the
  // default period grows to include it; an explicit --from after it leaves it out, and says so.
  const due = inputs.roster.connections.flatMap((c) => {
    const year = settlementYear(c, inputs.tariff);
    return year === undefined ? [] : [{ connection: c, year }];
  });
  const from = fromFlag ?? Math.min(inputs.tariff.agreementStart.year, ...due.map((d) => d.year));
  const to = toFlag ?? inputs.tariff.agreementEnd.year;
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  for (const { connection, year } of due.filter((d) => d.year < from)) {
    ui.warn(
      `the exit settlement of ${describeMunicipality(connection.municipality)} (exit ${formatDate(connection.exitDate!)}, ${connection.source.file}:${connection.source.line}) ` +
        `falls due in ${year}, before --from ${from}: it is not in the report (give --from ${year} to include it)`,
    );
  }
  const invoicesFolder = options.invoices === undefined ? undefined : resolve(context.cwd, options.invoices);
  const issued = options.invoices === undefined ? undefined : await (await import('./ledger-in-force.js')).readInForce(options.invoices, context.cwd, (m) => ui.warn(m));
  const outside = (issued ?? []).filter((i) => i.year < from || i.year > to);
  if (outside.length > 0) {
    const years = [...new Set(outside.map((i) => i.year))].sort((a, b) => a - b);
    ui.warn(`${countOf(outside.length, 'invoice')} in force in ${displayPath(invoicesFolder!, context.cwd)} ${outside.length === 1 ? 'is' : 'are'} for ${listOf(years.map(String))}, outside ${from}–${to}: not compared`);
  }
  const budget = options.budget === undefined ? undefined : await loadBudget(resolve(context.cwd, options.budget), from, to, ui);

  const revenueInput = {
    from,
    to,
    connections: inputs.roster.connections,
    population: inputs.population.figures,
    ...(inputs.forecast ? { forecast: inputs.forecast.figures } : {}),
    ...(issued ? { issued: issued.filter((i) => i.year >= from && i.year <= to) } : {}),
  };
  const result = await ui.progress(`Computing the income ${from}–${to}…`, async () => revenue({ ...revenueInput, tariff: inputs.tariff }));
  if (result.problems.length > 0) throw new InputError(basisProblems(result.problems, inputs, `connected in ${from}–${to}`));
  let solved: SolvedPrice | undefined;
  if (solveFrom && budget) {
    const day = solveFrom;
    const { agreementStart, agreementEnd } = inputs.tariff;
    if (isBefore(day, agreementStart) || isAfter(day, agreementEnd)) {
      throw new UsageError(
        `--solve-price-from ${formatDate(day)} is outside the repayment period (${formatDate(agreementStart)} to ${formatDate(agreementEnd)}): no price is in force then`,
        'Give a day in the repayment period, from which the new price would be in force.',
      );
    }
    const costs = sum([...budget.costs].filter(([year]) => year >= from && year <= to).map(([, amount]) => amount));
    solved = await ui.progress(`Finding the price from ${formatDate(day)} at which the income ${from}–${to} stays within the costs…`, async () =>
      solvePrice(inputs.tariff, day, costs, (tariff) => revenue({ ...revenueInput, tariff, issued: undefined }).total.total),
    );
    if (options.writeTariff !== undefined) await writeSolvedTariff(options.writeTariff, solved, inputs.files.tariff, context, ui);
  }

  const report: RevenueReport = {
    revenue: result,
    byKommune,
    inputs: {
      population: inputs.population.file,
      roster: inputs.roster.file,
      ...(inputs.forecast ? { forecast: inputs.forecast.file } : {}),
      ...(invoicesFolder ? { invoices: displayPath(invoicesFolder, context.cwd) } : {}),
      ...(inputs.tariffFile ? { tariff: inputs.tariffFile } : {}),
    },
    sources: {
      population: inputs.populationSource,
      ...(inputs.forecastSource ? { forecast: inputs.forecastSource } : {}),
      municipalities: inputs.roster.connections.length,
    },
    ...(budget ? { budget } : {}),
    made: context.today(),
    ...(solved ? { solved } : {}),
    lang,
  };
  const text =
    format === 'xlsx'
      ? await workbookOf(report, inputs, { issued: issued !== undefined, costs: budget !== undefined }, context.version)
      : format === 'html'
        ? (await import('../writers/revenue-html.js')).revenueHtml(report, context.version)
        : renderRevenue(report, format, dialect);
  await writeReport(text, options.out, context, ui);
  return 0;
}

/** The report as a workbook (loaded only for one). */
async function workbookOf(report: RevenueReport, inputs: LoadedInputs, read: { issued: boolean; costs: boolean }, version: string): Promise<Uint8Array> {
  const books = await import('../writers/workbooks.js');
  return books.workbookBytes(books.revenueWorkbook(report, books.sourcesOf(inputs, read), version));
}

/** --solve-price-from DATE: a day (it needs --budget, and --write-tariff needs it). */
function parseSolveFrom(options: RevenueOptions): CalendarDate | undefined {
  if (options.writeTariff !== undefined && options.solvePriceFrom === undefined) {
    throw new UsageError('--write-tariff needs --solve-price-from', 'Give --solve-price-from DATE (and --budget FILE): the tariff written has the price found from that day.');
  }
  if (options.solvePriceFrom === undefined) return undefined;
  if (options.budget === undefined) throw new UsageError('--solve-price-from needs --budget', 'The price is the one at which the income stays within the costs: give the costs with --budget FILE.');
  const parsed = parseTypedDate(options.solvePriceFrom);
  if (!parsed.ok) throw new UsageError(`--solve-price-from: ${parsed.message}`);
  return parsed.date;
}

/**
 * --write-tariff FILE: the tariff (the file given, or the built-in one) with a version from the day with the price
 * found. Written whole to a new file (never over another file; the same content again is left as it is).
 */
async function writeSolvedTariff(out: string, solved: SolvedPrice, tariffFile: string | undefined, context: CommandContext, ui: Ui): Promise<void> {
  if (solved.outcome === 'none') {
    ui.warn(`no price of 0 or more from ${formatDate(solved.from)} keeps the income within the costs: ${out} was not written`);
    return;
  }
  const original = tariffFile === undefined ? {} : (JSON.parse((await readFile(tariffFile, 'utf8')).replace(/^\uFEFF/, '')) as Record<string, unknown>);
  const versions = Array.isArray(original.versions) ? [...(original.versions as Record<string, unknown>[])] : [];
  const day = formatDate(solved.from);
  const price = solved.price.toFixed(2);
  const same = versions.findIndex((v) => v.from === day);
  if (same >= 0) versions[same] = { ...versions[same], price_per_citizen: price };
  else versions.push({ from: day, price_per_citizen: price });
  versions.sort((a, b) => (String(a.from) < String(b.from) ? -1 : String(a.from) > String(b.from) ? 1 : 0));
  const text = `${JSON.stringify({ ...original, versions }, null, 2)}\n`;
  // The file written must read back as a tariff, with the same terms.
  readTariff(out, text);
  await writeReport(text, out, context, ui);
}

/** The budget file, which must give the costs of every year of the period (none is taken as zero). */
async function loadBudget(path: string, from: number, to: number, ui: { warn(message: string): void }): Promise<Budget> {
  const read = await readFileWith(path, 'budget file', readBudget);
  const missing: number[] = [];
  for (let year = from; year <= to; year++) if (!read.costs.has(year)) missing.push(year);
  if (missing.length > 0) {
    throw new InputError({
      file: read.file,
      message: `the budget has no costs for ${listOf(missing.map(String))}: the income of every year ${from}–${to} is compared with its costs`,
      hint: 'Add a line "year;amount" for each of these years (0 if a year truly has no costs), or narrow --from/--to.',
    });
  }
  const outside = [...read.costs.keys()].filter((y) => y < from || y > to).sort((a, b) => a - b);
  if (outside.length > 0) ui.warn(`${read.file}: the costs of ${listOf(outside.map(String))} are outside ${from}–${to} and not compared`);
  return { file: read.file, costs: read.costs };
}
