// flis invoice --period H1|H2|DEC: read the inputs, run the engine, write the invoices. What only some runs
// need (the run folder, each output format) is imported when it is used.

import { invoiceRun } from '../engine/billing.js';
import { InputError, UsageError } from '../errors.js';
import { loadConfig } from '../inputs.js';
import { createUi } from '../ui.js';
import { parseDialect } from '../documents/dialect.js';
import type { CommandContext } from './context.js';
import { inputFiles, loadInputs } from './load.js';
import { parsePeriod, yearOrCurrent } from './options.js';
import { basisProblems } from './problems.js';

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
  readonly dialect?: string;
}

export async function invoiceCommand(options: InvoiceOptions, context: CommandContext): Promise<number> {
  const run = parsePeriod(options.period);
  const dialect = parseDialect(options.dialect);
  if (options.out === undefined && options.dialect !== undefined) throw new UsageError('--dialect applies to the files written with --out');
  if (options.out === undefined && options.supersede) throw new UsageError('--supersede applies to a run folder given with --out');
  const ui = await createUi({ quiet: options.quiet, json: options.json, stderr: context.stderr, env: context.env });
  const year = yearOrCurrent(options.year, context, ui, 'billing');

  const config = await loadConfig(options.config, context.cwd);
  const inputs = await loadInputs(inputFiles(options, config, context.cwd), ui);

  const result = invoiceRun({ year, run, tariff: inputs.tariff, connections: inputs.roster.connections, population: inputs.population.figures });
  if (result.problems.length > 0) throw new InputError(basisProblems(result.problems, inputs, 'billed in this run'));
  if (result.invoices.length === 0) ui.warn(`no municipality has billable days in ${run} ${year}: no invoices`);

  if (options.out !== undefined) await (await import('./invoice-out.js')).issueToFolder(options, dialect, result, inputs, context, ui);

  context.stdout.write(options.json ? (await import('../writers/json.js')).invoiceRunJson(result) : (await import('../writers/invoice-table.js')).invoiceTable(result));
  return 0;
}
