// flis invoice --period H1|H2|DEC: read the inputs, run the engine, write the invoices. What only some runs
// need (the run folder, each output format) is imported when it is used.

import { type Dialect, parseDialect } from '../documents/dialect.js';
import { parseEInvoiceFormat } from '../documents/einvoice-formats.js';
import { type InvoiceRun, invoiceRun } from '../engine/billing.js';
import { InputError, UsageError } from '../errors.js';
import { type Config, configOf } from '../inputs.js';
import { type Ui, createUi } from '../ui.js';
import type { CommandContext } from './context.js';
import { type LoadedInputs, loadInputs } from './load.js';
import { type Sources, inputSources, populationFromStatbank, sayStale, staleWarning, yearsOf } from '../sources.js';
import { parseLang, parsePeriod, yearOrCurrent } from './options.js';
import type { Lang } from '../texts/texts.js';
import type { PopulationTableId } from '../fetch/tables.js';
import { basisProblems, populationJumps, rosterDateWarnings } from './problems.js';
import { runRows } from './run-documents.js';

export interface InvoiceOptions {
  readonly period?: string;
  readonly year?: string;
  readonly population?: string;
  readonly roster?: string;
  readonly tariff?: string;
  readonly config?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly dryRun?: boolean;
  readonly quiet?: boolean;
  readonly supersede?: boolean;
  readonly xlsx?: boolean;
  readonly dialect?: string;
  readonly einvoice?: string;
  readonly issueDate?: string;
  readonly fetch?: boolean;
  readonly timeout?: string;
  readonly lang?: string;
}

export async function invoiceCommand(options: InvoiceOptions, context: CommandContext): Promise<number> {
  const run = parsePeriod(options.period);
  const dialect = parseDialect(options.dialect);
  if (options.out === undefined && options.dialect !== undefined) throw new UsageError('--dialect applies to the files written with --out');
  if (options.out === undefined && options.supersede) throw new UsageError('--supersede applies to a run folder given with --out');
  if (options.out === undefined && options.xlsx) throw new UsageError('--xlsx writes a workbook into a run folder: give --out DIR');
  if (options.einvoice !== undefined) parseEInvoiceFormat(options.einvoice);
  if (options.out === undefined && options.einvoice !== undefined && options.einvoice.trim().toLowerCase() !== 'none') {
    throw new UsageError('--einvoice writes e-invoices into a run folder: give --out DIR');
  }
  if (options.out === undefined && options.issueDate !== undefined) throw new UsageError('--issue-date applies to the documents issued with --out');
  const ui = await createUi({ quiet: options.quiet, json: options.json, stderr: () => context.stderr, env: context.env });
  const year = yearOrCurrent(options.year, context, ui, 'billing');

  const config = await configOf(options.config, context, ui);
  const lang = parseLang(options.lang, config);
  const out = options.out === undefined ? undefined : await prepareIssue(options, config, year, lang, context, ui);
  const sources = await sourcesOf(options, config, year, context, ui);
  const inputs = await loadInputs(sources, ui, context.today());
  // A run bills on the 1 January figure of its year only: a newer figure elsewhere changes nothing, so the stale
  // file is warned of only where the year's own figure is missing and DST has published it by today.
  if (!yearsOf(inputs.population).includes(year)) sayStale(ui, staleWarning(sources, inputs.population, config, context, year));

  const result = invoiceRun({ year, run, tariff: inputs.tariff, connections: inputs.roster.connections, population: inputs.population.figures });
  if (result.problems.length > 0) throw new InputError(basisProblems(result.problems, inputs, 'billed in this run'));
  if (result.invoices.length === 0) ui.warn(`no municipality has billable days in ${run} ${year}: no invoices`);
  // What flis check warns of that bears on the amounts: a figure billed on that moved unusually from the year
  // before, a roster date after the agreement ends (nothing is billed then).
  const billed = new Set(result.invoices.map((invoice) => invoice.municipality.code));
  for (const warning of [...populationJumps(inputs.population.figures, billed, year), ...rosterDateWarnings(inputs.roster.connections, inputs.tariff)]) {
    ui.warn(`${warning.file}:${warning.line}: ${warning.message}\n  ${warning.hint}`);
  }

  // Without --out, the numbers the run's first issue would give; with it, the invoices in force in the folder
  // once the issue is made (or would be, under --dry-run).
  const rows = out ? await out.issue(dialect, result, inputs) : runRows(result, inputs.roster.connections, lang, { issueDate: '', dueDate: '' });

  context.stdout.write(
    options.json
      ? (await import('../writers/json.js')).invoiceRunJson(result, rows)
      : (await import('../writers/invoice-table.js')).invoiceTable(result, lang, new Map(rows.map((row) => [row.kommune_code, row.invoice_number]))),
  );
  return 0;
}

/**
 * Where the inputs come from (sources.ts): the population is --population's; with --fetch (or "population":
 * "statbank" in the config) the one `flis fetch population` saves for the year, fetched first if need be (never
 * under --dry-run).
 */
async function sourcesOf(options: InvoiceOptions, config: Config, year: number, context: CommandContext, ui: Ui): Promise<Sources> {
  if (options.fetch && options.population !== undefined) throw new UsageError('--fetch and --population both say where the population comes from: give one');
  const request = { flags: options, population: { year }, ...(options.fetch ? { fromStatbank: true } : {}), whyNot: '--dry-run fetches nothing' };
  const fromStatbank = populationFromStatbank(request, config);
  if (options.timeout !== undefined && !fromStatbank) throw new UsageError('--timeout applies to --fetch');
  if (!fromStatbank) return inputSources(request, config, context, ui);
  const { parseTimeout, fetchPopulationTo } = await import('./fetch.js');
  const timeoutMs = parseTimeout(options.timeout);
  const fetchMissing = options.dryRun ? undefined : (path: string, table: PopulationTableId, y: number) => fetchPopulationTo(path, table, y, timeoutMs, context, ui);
  return inputSources({ ...request, ...(fetchMissing ? { fetchMissing } : {}) }, config, context, ui);
}

/**
 * What issuing into a run folder needs before the inputs are read: the issue date, the due date it gives (the
 * seller's payment terms) and, with e-invoices, the format and the seller (a missing seller is a config error,
 * found before any input is read).
 */
async function prepareIssue(options: InvoiceOptions, config: Config, year: number, lang: Lang, context: CommandContext, ui: Ui) {
  const { dueDateOf, eInvoiceFormat, parseIssueDate, requireSeller } = await import('./issue-options.js');
  const issueDate = parseIssueDate(options.issueDate, year, context.today);
  const format = eInvoiceFormat(options.einvoice, config);
  const seller = format ? requireSeller(config, ui) : undefined;
  const { dueDate, warning } = dueDateOf(issueDate, config, seller !== undefined);
  return {
    issue: async (dialect: Dialect, result: InvoiceRun, inputs: LoadedInputs) =>
      (await import('./invoice-out.js')).issueToFolder(options, dialect, result, inputs, context, ui, {
        issueDate,
        dueDate,
        ...(warning ? { dueDateWarning: warning } : {}),
        config,
        lang,
        ...(format && seller ? { einvoice: { format, seller } } : {}),
      }),
  };
}
