// flis check: every input read, every problem reported at once (exit 1 if any), and what looks suspicious
// reported as a warning (exit 0): a population older than the newest Statistics Denmark has published by today,
// a population that moved more than JUMP_PERCENT in a year, a connected municipality without an EAN, a roster
// date beyond the agreement.

import { invoiceRun } from '../engine/billing.js';
import { describeMunicipality } from '../engine/municipalities.js';
import { RUNS } from '../engine/runs.js';
import type { Tariff } from '../engine/tariff.js';
import type { Connection } from '../engine/types.js';
import { InputError, type InputProblem } from '../errors.js';
import { readFileSync } from 'node:fs';
import { type Config, configSource, loadConfig } from '../inputs.js';
import { keyProblem } from '../readers/json.js';
import { createUi } from '../ui.js';
import { renderProblem } from '../writers/error-report.js';
import type { CommandContext } from './context.js';
import { parseLang, yearOrCurrent } from './options.js';
import { textsFor } from '../texts/texts.js';
import { type LoadedInputs, loadInputs } from './load.js';
import { inputSources, staleWarning } from '../sources.js';
import { basisProblems, listOf, populationJumps, rosterDateWarnings } from './problems.js';
import { buyerOf } from './run-documents.js';

export interface CheckOptions {
  readonly population?: string;
  readonly roster?: string;
  readonly tariff?: string;
  readonly forecast?: string;
  readonly lang?: string;
  readonly config?: string;
  readonly year?: string;
  readonly quiet?: boolean;
}

export function rosterWarnings(connections: readonly Connection[], tariff: Tariff, file: string): InputProblem[] {
  const warnings: InputProblem[] = rosterDateWarnings(connections, tariff);
  const noEan = connections.filter((c) => !c.ean);
  if (noEan.length > 0) {
    const names = noEan.map((c) => describeMunicipality(c.municipality));
    warnings.push({
      file,
      ...(noEan.length === 1 ? { line: noEan[0]!.source.line } : {}),
      message:
        noEan.length === 1
          ? `${names[0]} is connected but has no EAN`
          : `${noEan.length} connected municipalities have no EAN (${listOf(names, 5)})`,
      hint: 'Invoices to municipalities are sent to their EAN (GLN); add it to the roster.',
    });
  }
  return warnings;
}

/** The config's seller, where it marks values as illustrative: e-invoices would carry examples, not the seller's own. */
export function sellerWarnings(config: Config): InputProblem[] {
  const marked = config.seller?.illustrative ?? [];
  if (!config.file || !config.path || marked.length === 0) return [];
  return [
    keyProblem(
      config.file,
      readFileSync(config.path, 'utf8'),
      ['seller', 'illustrative'],
      `the seller's ${listOf(marked.map((k) => `"${k}"`))} ${marked.length === 1 ? 'is' : 'are'} marked illustrative: e-invoices would carry example values, not the seller's own`,
      'Replace them with the seller\'s own and remove them from "illustrative" before sending e-invoices.',
    ),
  ];
}

/** With e-invoices configured, one warning naming the connected municipalities that lack what their e-invoices need. */
function eInvoiceWarning(config: Config, lacking: readonly Connection[], file: string, what: string, hint: string): InputProblem[] {
  if (config.einvoice === undefined || config.einvoice === 'none' || lacking.length === 0) return [];
  return [
    {
      file,
      ...(lacking.length === 1 ? { line: lacking[0]!.source.line } : {}),
      message:
        lacking.length === 1
          ? `${describeMunicipality(lacking[0]!.municipality)} has no ${what} for its e-invoices`
          : `${lacking.length} connected municipalities have no ${what} for their e-invoices (${listOf(lacking.map((c) => describeMunicipality(c.municipality)), 5)})`,
      hint,
    },
  ];
}

/** With e-invoices configured, connected municipalities without the reference their e-invoices need. */
export function referenceWarnings(config: Config, connections: readonly Connection[], file: string): InputProblem[] {
  const hint = "Danish public buyers require their reference (personreference) on every invoice: add it in the roster's reference column.";
  return eInvoiceWarning(config, connections.filter((c) => !c.reference), file, 'reference', hint);
}

/**
 * With e-invoices configured, connected municipalities without a postal address for their e-invoices: flis has
 * none confirmed and the roster gives none (their e-invoices are refused).
 */
export function addressWarnings(config: Config, connections: readonly Connection[], file: string): InputProblem[] {
  const hint = "An invoice names the buyer's address (momsbekendtgørelsen §58): give it in the roster's columns street, building_number, postal_code and city.";
  return eInvoiceWarning(config, connections.filter((c) => !buyerOf(c.municipality.code, c).address), file, 'confirmed postal address', hint);
}

function billingProblems(inputs: LoadedInputs, year: number): InputProblem[] {
  const all = RUNS.flatMap(
    (run) => invoiceRun({ year, run, tariff: inputs.tariff, connections: inputs.roster.connections, population: inputs.population.figures }).problems,
  );
  return basisProblems(all, inputs, `billed in ${year}`);
}

export async function checkCommand(options: CheckOptions, context: CommandContext): Promise<number> {
  const ui = await createUi({ quiet: options.quiet, stderr: () => context.stderr, env: context.env });
  const year = yearOrCurrent(options.year, context, ui, 'checking');
  const config = await loadConfig(options.config, context.cwd, context.env);
  ui.info(configSource(config, context.cwd));
  const lang = parseLang(options.lang, config);

  let problems: InputProblem[] = [];
  let warnings: InputProblem[] = [];
  let inputs: LoadedInputs | undefined;
  try {
    inputs = await loadInputs(await inputSources({ flags: options, population: { year } }, config, context, ui), ui, context.today());
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems = [...error.problems];
  }
  if (inputs) {
    problems = billingProblems(inputs, year);
    const connected = new Set(inputs.roster.connections.map((c) => c.municipality.code));
    const stale = staleWarning(inputs.sources, inputs.population, config, context);
    warnings = [
      ...(stale ? [stale] : []),
      ...populationJumps(inputs.population.figures, connected),
      ...(inputs.forecast ? populationJumps(inputs.forecast.figures, connected) : []),
      ...rosterWarnings(inputs.roster.connections, inputs.tariff, inputs.roster.file),
      ...referenceWarnings(config, inputs.roster.connections, inputs.roster.file),
      ...addressWarnings(config, inputs.roster.connections, inputs.roster.file),
    ];
  }
  warnings.push(...sellerWarnings(config));

  const blocks = [...problems.map((p) => renderProblem(p)), ...(options.quiet ? [] : warnings.map((w) => renderProblem(w, undefined, 'warning')))];
  if (blocks.length > 0) context.stderr.write(`${blocks.join('\n\n')}\n`);
  const checked = inputs ? [inputs.population.file, inputs.roster.file, ...(inputs.tariffFile ? [inputs.tariffFile] : []), ...(inputs.forecast ? [inputs.forecast.file] : [])] : [];
  context.stdout.write(`${textsFor(lang).check.summary(problems.length, warnings.length, checked, year)}\n`);
  return problems.length === 0 ? 0 : 1;
}
