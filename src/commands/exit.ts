// flis exit --kommune X [--date D] | --all --date D: what leaving FLIS costs (udtræden; docs/billing-rules.md §8).

import { resolve } from 'node:path';
import { type CalendarDate, formatDate, isAfter } from '../engine/dates.js';
import { compareByCode, describeMunicipality, matchArea } from '../engine/municipalities.js';
import { type Settlement, creditForExit, exitSettlement } from '../engine/settlement.js';
import type { Connection } from '../engine/types.js';
import { InputError, UsageError } from '../errors.js';
import { loadConfig } from '../inputs.js';
import { readIssuedInvoiceFolder } from '../issued.js';
import type { PopulationRead } from '../readers/dst-population.js';
import { parseRosterDate } from '../readers/roster.js';
import { createUi } from '../ui.js';
import { type CreditLine, type ExitReport, REPORT_FORMATS, renderExitReport } from '../writers/exit-report.js';
import { renderOverview } from '../writers/exit-overview.js';
import { parseDialect } from '../documents/dialect.js';
import type { CommandContext } from './context.js';
import { type LoadedInputs, inputFiles, loadInputs } from './load.js';
import { parseFormat, parseLang } from './options.js';
import { basisProblems } from './problems.js';
import { writeReport } from './report-out.js';

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

export async function exitCommand(options: ExitOptions, context: CommandContext): Promise<number> {
  const format = parseFormat(options, REPORT_FORMATS);
  const dialect = parseDialect(options.dialect);
  if (dialect !== 'default' && format !== 'csv') throw new UsageError('--dialect applies to --format csv only');
  if (options.all && options.kommune !== undefined) throw new UsageError('give either --kommune or --all, not both');
  if (!options.all && options.kommune === undefined) throw new UsageError('--kommune is required', 'Give --kommune X (code or name), or --all --date D for every connected municipality.');
  if (options.all && options.date === undefined) throw new UsageError('--all needs --date', 'For example: flis exit --all --date 2027-01-01');
  const dateFlag = options.date === undefined ? undefined : parseExitDate(options.date);

  const ui = await createUi({ quiet: options.quiet, json: format === 'json', stderr: () => context.stderr, env: context.env });
  const config = await loadConfig(options.config, context.cwd);
  const lang = parseLang(options.lang, config);
  const saved = config.populationFromStatbank ? await (await import('./fetch.js')).reportInputs(options, config, context, ui) : {};
  const inputs = await loadInputs(inputFiles({ ...options, ...saved }, config, context.cwd), ui);
  const forecast = inputs.forecast;
  const issued = options.invoices === undefined ? undefined : await readIssuedInvoiceFolder(resolve(context.cwd, options.invoices), (m) => ui.warn(m));
  const files = { population: inputs.population, ...(forecast ? { forecast } : {}) };

  const report = (connection: Connection, exitDate: CalendarDate): ExitReport => {
    const settlement = settle(connection, exitDate, inputs, forecast);
    const credits: CreditLine[] | undefined = issued
      ?.filter((invoice) => invoice.code === connection.municipality.code && !isAfter(exitDate, invoice.period.to))
      .sort((a, b) => (a.invoiceNumber < b.invoiceNumber ? -1 : a.invoiceNumber > b.invoiceNumber ? 1 : 0))
      .map((invoice) => ({ invoice, credit: creditForExit(invoice, connection, exitDate, inputs.tariff) }));
    return {
      settlement,
      tariff: inputs.tariff,
      populationFile: inputs.population.file,
      ...(forecast ? { forecastFile: forecast.file } : {}),
      ...(credits ? { credits } : {}),
      lang,
    };
  };

  let text: string;
  if (options.all) {
    const exitDate = dateFlag!;
    const connected = inputs.roster.connections.filter((c) => !c.exitDate || isAfter(c.exitDate, exitDate));
    const reports = [...connected].sort(compareByCode).map((c) => report(c, exitDate));
    const problems = reports.flatMap((r) => r.settlement.problems);
    if (problems.length > 0) throw new InputError(basisProblems(problems, files, 'needed for the settlement'));
    const alreadyLeft = inputs.roster.connections.filter((c) => !connected.includes(c));
    text = renderOverview({ exitDate, periodEnd: inputs.tariff.agreementEnd, reports, alreadyLeft, lang }, format, dialect);
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
    const r = report(connection, exitDate);
    if (r.settlement.problems.length > 0) throw new InputError(basisProblems(r.settlement.problems, files, 'needed for the settlement'));
    text = renderExitReport(r, format, dialect);
  }

  await writeReport(text, options.out, context, ui);
  return 0;
}

