// flis exit --kommune X [--date D] | --all --date D: what leaving FLIS costs (udtræden; docs/billing-rules.md §8).

import { type CalendarDate, dayBefore, formatDate, isAfter } from '../engine/dates.js';
import { compareByCode, describeMunicipality, matchArea } from '../engine/municipalities.js';
import { exitReconciliation } from '../engine/reconcile.js';
import { type Settlement, exitSettlement } from '../engine/settlement.js';
import type { Connection } from '../engine/types.js';
import { ConfigError, InputError, UsageError } from '../errors.js';
import { CONFIG_FILE, type Config, configOf } from '../inputs.js';
import type { PopulationRead } from '../readers/dst-population.js';
import { parseRosterDate } from '../readers/roster.js';
import { createUi } from '../ui.js';
import { type ExitReport, REPORT_FORMATS, type ReportFormat, renderExitReport } from '../writers/exit-report.js';
import { renderOverview } from '../writers/exit-overview.js';
import type { Workbook } from '../writers/xlsx.js';
import { parseDialect } from '../documents/dialect.js';
import type { CommandContext } from './context.js';
import { type LoadedInputs, loadInputs } from './load.js';
import { inputSources, sayStale, staleWarning } from '../sources.js';
import { parseFormat, parseLang } from './options.js';
import { readInForce } from './ledger-in-force.js';
import { basisProblems, listOf, rosterLines } from './problems.js';
import { writeReport } from './report-out.js';
import { addressLead, type Seller } from '../documents/parties.js';
import { missingSeller } from '../readers/seller.js';
import type { ExitLetter } from '../writers/exit-letter.js';
import { buyerOf } from './run-documents.js';
import type { Ui } from '../ui.js';

/** The formats of flis exit: the report's, the letter's (html, pdf: one municipality, --kommune), and a workbook (xlsx, workbooks.ts). */
export const EXIT_FORMATS = [...REPORT_FORMATS, 'html', 'pdf', 'xlsx'] as const;
type ExitFormat = (typeof EXIT_FORMATS)[number];
const isLetter = (format: ExitFormat): format is 'html' | 'pdf' => format === 'html' || format === 'pdf';

/** The seller's keys the letter shows. */
const LETTER_KEYS = ['name', 'cvr', 'address', 'email', 'phone'];

export interface ExitOptions {
  readonly kommune?: string;
  readonly all?: boolean;
  readonly date?: string;
  readonly population?: string;
  readonly roster?: string;
  readonly tariff?: string;
  readonly forecast?: string;
  readonly invoices?: string;
  readonly config?: string;
  readonly out?: string;
  readonly format?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly dialect?: string;
  readonly lang?: string;
}

export function parseExitDate(text: string): CalendarDate {
  const parsed = parseRosterDate(text);
  if (!parsed.ok) throw new UsageError(`--date: ${parsed.message}`);
  return parsed.date;
}

/** The roster line of the municipality named on the command line. */
export function connectionOf(kommune: string, inputs: LoadedInputs): Connection {
  const match = matchArea(kommune);
  if (match.kind === 'aggregate') throw new UsageError(`--kommune "${kommune}" is not a municipality`, 'Give a municipality by DST code (461) or name (Odense).');
  if (match.kind === 'unknown') {
    const near = match.suggestions.map(describeMunicipality);
    throw new UsageError(`--kommune: ${match.reason}`, near.length > 0 ? `Did you mean ${near.join(', ')}?` : 'Give a municipality by DST code (461) or name (Odense).');
  }
  const connection = inputs.roster.connections.find((c) => c.municipality.code === match.municipality.code);
  if (!connection) {
    throw new InputError({
      file: inputs.roster.file,
      message: `${describeMunicipality(match.municipality)} is not on the roster: it is not connected to FLIS and has no obligation to settle`,
      hint: 'Check the roster (--roster) if it should be there.',
    });
  }
  return connection;
}

function settle(connection: Connection, exitDate: CalendarDate, inputs: LoadedInputs, forecast: PopulationRead | undefined): Settlement {
  return exitSettlement({
    connection,
    exitDate,
    tariff: inputs.tariff,
    population: inputs.population.figures,
    ...(forecast ? { forecast: forecast.figures } : {}),
  });
}

/**
 * A --date after the roster's own exit date is refused: the runs invoice the municipality only to the day before
 * the roster's exit date, and a settlement from the later date would leave the days between neither invoiced nor
 * settled. (An earlier date is a question flis can answer: what leaving then instead would cost.)
 */
function refuseAfterRosterExit(connection: Connection, exitDate: CalendarDate, inputs: LoadedInputs): void {
  const rosterExit = connection.exitDate;
  if (!rosterExit || !isAfter(exitDate, rosterExit)) return;
  const who = describeMunicipality(connection.municipality);
  throw new InputError({
    file: connection.source.file,
    line: connection.source.line,
    excerpt: rosterLines(inputs.files.roster)[connection.source.line - 1],
    message:
      `--date ${formatDate(exitDate)} is after ${who}'s exit date on the roster, ${formatDate(rosterExit)}: the runs invoice it to ${formatDate(dayBefore(rosterExit))}, ` +
      `so ${formatDate(rosterExit)} – ${formatDate(dayBefore(exitDate))} would be neither invoiced nor settled`,
    hint: `Give a --date on or before ${formatDate(rosterExit)}, or leave --date out to use the roster's; if ${who} leaves later, change exit_date on the roster first.`,
  });
}

/** A workbook's bytes (the modules that write one are loaded only for one). */
async function workbookOf(make: (books: typeof import('../writers/workbooks.js')) => Workbook): Promise<Uint8Array> {
  const books = await import('../writers/workbooks.js');
  return books.workbookBytes(make(books));
}

/** The letter's sender: the config's seller, which the letter cannot do without; a warning where it shows example values. */
function letterSender(config: Config, ui: Ui): Seller {
  if (!config.seller) {
    if (!config.file) throw new UsageError(`the letter needs its sender, the seller's details, and there is no ${CONFIG_FILE}`, 'Give --config FILE with a "seller" object; see the README, section E-invoices.');
    throw new ConfigError({ ...missingSeller(config.file), message: 'no seller in the config: the letter is sent by the seller, and needs its name, address, CVR number and e-mail' });
  }
  const shown = config.seller.illustrative.filter((key) => LETTER_KEYS.includes(key));
  if (shown.length > 0) {
    ui.warn(
      `${config.file}: seller ${listOf(shown.map((k) => `"${k}"`))} ${shown.length === 1 ? 'is' : 'are'} marked illustrative: the letter shows ${shown.length === 1 ? 'an example' : 'examples'}, not the seller's own. Replace ${shown.length === 1 ? 'it' : 'them'} in the config before sending the letter.`,
    );
  }
  return config.seller;
}

/** The municipality as the letter addresses it; a letter is not written without its postal address. */
function letterRecipient(connection: Connection, inputs: LoadedInputs): ExitLetter['recipient'] {
  const buyer = buyerOf(connection.municipality.code, connection);
  if (buyer.address) return { ...buyer, address: buyer.address };
  const lead = addressLead(connection.municipality.code);
  throw new InputError({
    file: connection.source.file,
    line: connection.source.line,
    excerpt: rosterLines(inputs.files.roster)[connection.source.line - 1],
    message: `${describeMunicipality(connection.municipality)} has no confirmed postal address: the letter to ${buyer.legalName} cannot be addressed`,
    hint: `flis has no confirmed address for its town hall${lead ? ` (found, not confirmed: ${lead})` : ''}: give it in the roster's columns street, building_number, postal_code and city.`,
  });
}

export async function exitCommand(options: ExitOptions, context: CommandContext): Promise<number> {
  const format: ExitFormat = parseFormat(options, EXIT_FORMATS);
  const dialect = parseDialect(options.dialect);
  if (dialect !== 'default' && format !== 'csv') throw new UsageError('--dialect applies to --format csv only');
  if (isLetter(format) && options.all) {
    throw new UsageError(`--format ${format} is a letter to one municipality: give --kommune, not --all`, 'For every connected municipality at once, give --all with --format text, md, csv or json.');
  }
  if ((format === 'pdf' || format === 'xlsx') && (options.out === undefined || options.out === '-')) {
    (await import('./binary-out.js')).refuseTerminal(context.stdout, format === 'pdf' ? 'the PDF' : 'the workbook', format === 'pdf' ? 'letter.pdf' : 'exit.xlsx');
  }
  if (options.all && options.kommune !== undefined) throw new UsageError('give either --kommune or --all, not both');
  if (!options.all && options.kommune === undefined) throw new UsageError('--kommune is required', 'Give --kommune X (code or name), or --all --date D for every connected municipality.');
  if (options.all && options.date === undefined) throw new UsageError('--all needs --date', 'For example: flis exit --all --date 2027-01-01');
  const dateFlag = options.date === undefined ? undefined : parseExitDate(options.date);

  const ui = await createUi({ quiet: options.quiet, json: format === 'json', stderr: () => context.stderr, env: context.env });
  const config = await configOf(options.config, context, ui);
  const lang = parseLang(options.lang, config);
  const sender = isLetter(format) ? letterSender(config, ui) : config.seller;
  const sources = await inputSources({ flags: options, population: 'newest' }, config, context, ui);
  const inputs = await loadInputs(sources, ui, context.today());
  sayStale(ui, staleWarning(sources, inputs.population, config, context));
  const forecast = inputs.forecast;
  const made = context.today();
  const issued = options.invoices === undefined ? undefined : await readInForce(options.invoices, context.cwd, (m) => ui.warn(m));
  const files = { population: inputs.population, ...(forecast ? { forecast } : {}) };

  const report = (connection: Connection, exitDate: CalendarDate): { report: ExitReport; problems: Settlement['problems'] } => {
    const settlement = settle(connection, exitDate, inputs, forecast);
    // The runs from the exit year on, leaving on the exit date, against the run folder: the same cells, by the
    // same rule, as flis revenue compares (engine/reconcile.ts).
    const reconciled =
      issued &&
      exitReconciliation({
        connection,
        exitDate,
        tariff: inputs.tariff,
        connections: inputs.roster.connections,
        population: inputs.population.figures,
        ...(forecast ? { forecast: forecast.figures } : {}),
        issued,
      });
    return {
      report: {
        settlement,
        tariff: inputs.tariff,
        population: inputs.populationSource,
        ...(inputs.forecastSource ? { forecast: inputs.forecastSource } : {}),
        made,
        ...(reconciled ? { reconciliation: reconciled.cells } : {}),
        lang,
        ...(sender ? { sender } : {}),
      },
      problems: [...settlement.problems, ...(reconciled?.problems ?? [])],
    };
  };

  /** What the workbook's sources name beyond the inputs. */
  const read = { issued: issued !== undefined, costs: false };
  let text: string | Uint8Array;
  if (options.all) {
    const exitDate = dateFlag!;
    const connected = inputs.roster.connections.filter((c) => !c.exitDate || isAfter(c.exitDate, exitDate));
    const reports = [...connected].sort(compareByCode).map((c) => report(c, exitDate));
    const problems = reports.flatMap((r) => r.problems);
    if (problems.length > 0) throw new InputError(basisProblems(problems, files, 'needed for the settlement'));
    const alreadyLeft = inputs.roster.connections.filter((c) => !connected.includes(c));
    const overview = {
      exitDate,
      periodEnd: inputs.tariff.agreementEnd,
      reports: reports.map((r) => r.report),
      alreadyLeft,
      lang,
      made,
      population: inputs.populationSource,
      ...(inputs.forecastSource ? { forecast: inputs.forecastSource } : {}),
    };
    text = format === 'xlsx' ? await workbookOf((books) => books.exitOverviewWorkbook(overview, books.sourcesOf(inputs, read), context.version)) : renderOverview(overview, format as ReportFormat, dialect);
  } else {
    const connection = connectionOf(options.kommune!, inputs);
    const exitDate = dateFlag ?? connection.exitDate;
    if (!exitDate) {
      throw new UsageError(
        `no exit date for ${describeMunicipality(connection.municipality)}: give --date YYYY-MM-DD`,
        'Without --date, the roster\'s exit_date is used, and the roster has none for it.',
      );
    }
    if (!dateFlag) ui.info(`flis: exit date from the roster: ${formatDate(exitDate)}`);
    refuseAfterRosterExit(connection, exitDate, inputs);
    const r = report(connection, exitDate);
    if (r.problems.length > 0) throw new InputError(basisProblems(r.problems, files, 'needed for the settlement'));
    if (format === 'xlsx') {
      text = await workbookOf((books) => books.exitWorkbook(r.report, books.sourcesOf(inputs, read), context.version));
    } else if (isLetter(format)) {
      const letter: ExitLetter = { report: r.report, sender: sender!, recipient: letterRecipient(connection, inputs) };
      text = format === 'html' ? (await import('../writers/exit-letter.js')).exitLetterHtml(letter) : await letterPdf(letter, context.version);
    } else {
      text = renderExitReport(r.report, format, dialect);
    }
  }

  await writeReport(text, options.out, context, ui);
  return 0;
}

/** The letter as a PDF: PDFKit and the fonts are loaded here only. */
async function letterPdf(letter: ExitLetter, version: string): Promise<Uint8Array> {
  const { letterContent } = await import('../writers/exit-letter.js');
  const { exitLetterPdf } = await import('../writers/exit-letter-pdf.js');
  const { letterFonts } = await import('../assets.js');
  return exitLetterPdf(letterContent(letter), letterFonts(), letter.report.made, `flis ${version}`);
}
