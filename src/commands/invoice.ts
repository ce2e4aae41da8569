// flis invoice --period H1|H2|DEC: read the inputs, run the engine, write the invoices.

import { join, resolve } from 'node:path';
import { type InvoiceRun, invoiceRun } from '../engine/billing.js';
import { formatAmount } from '../engine/money.js';
import { type RunId, isRunId, RUNS } from '../engine/runs.js';
import { FlisError, EXIT_INPUT, InputError, UsageError } from '../errors.js';
import { displayPath, inputPath, loadConfig, requireInput } from '../inputs.js';
import { type LoadedInputs, loadInputs } from './load.js';
import { basisProblems } from './problems.js';
import { createUi } from '../ui.js';
import { invoiceRunJson } from '../writers/json.js';
import { invoiceTable } from '../writers/invoice-table.js';
import { type PlannedFile, ensureFolder, planWrites, writeFilesAtomically } from '../writers/output.js';
import { groupThousands } from '../writers/table.js';
import type { CommandContext } from './context.js';

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
}

export function parsePeriod(text: string | undefined): RunId {
  if (text === undefined) throw new UsageError('--period is required', 'Give --period H1 (February), H2 (September) or DEC (year end).');
  const period = text.trim().toUpperCase();
  if (!isRunId(period)) {
    throw new UsageError(`unknown --period "${text}"`, `The runs are ${RUNS.join(', ')}: H1 (February), H2 (September), DEC (year end).`);
  }
  return period;
}

export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new UsageError(`--year must be a year written with four digits, not "${text}"`, 'For example --year 2025.');
  const year = Number(text.trim());
  if (year < 2000 || year > 2099) throw new UsageError(`--year ${year} is out of range`, 'Give a year from 2000 to 2099.');
  return year;
}

export function invoiceFileName(year: number, run: RunId): string {
  return `invoices-${year}-${run}.csv`;
}

function summaryText(run: InvoiceRun, inputs: LoadedInputs, version: string): string {
  const amount = (a: Parameters<typeof formatAmount>[0]): string => `${groupThousands(formatAmount(a)).padStart(16)} DKK`;
  return [
    `FLIS invoice run ${run.run} ${run.year}`,
    '',
    `Invoices:      ${run.totals.count}`,
    `Net amount:    ${amount(run.totals.netAmount)}`,
    `VAT amount:    ${amount(run.totals.vatAmount)}`,
    `Gross amount:  ${amount(run.totals.grossAmount)}`,
    '',
    `Population:    ${inputs.population.file} (population on 1 January ${run.year})`,
    `Roster:        ${inputs.roster.file} (${inputs.roster.connections.length} municipalities)`,
    `Tariff:        ${run.tariff.name}${inputs.tariffFile ? ` (${inputs.tariffFile})` : ' (built in)'}`,
    `Written by:    flis ${version}`,
    '',
  ].join('\n');
}

export async function invoiceCommand(options: InvoiceOptions, context: CommandContext): Promise<number> {
  const run = parsePeriod(options.period);
  const ui = await createUi({ quiet: options.quiet, json: options.json, stderr: context.stderr, env: context.env });
  let year: number;
  if (options.year !== undefined) {
    year = parseYear(options.year);
  } else {
    year = context.now().getFullYear();
    ui.info(`flis: no --year given: billing ${year}, the current year`);
  }

  const config = await loadConfig(options.config, context.cwd);
  const inputs = await loadInputs(
    {
      population: requireInput('population', inputPath('population', options.population, config, context.cwd)),
      roster: requireInput('roster', inputPath('roster', options.roster, config, context.cwd)),
      tariff: inputPath('tariff', options.tariff, config, context.cwd),
    },
    ui,
  );

  const result = invoiceRun({ year, run, tariff: inputs.tariff, connections: inputs.roster.connections, population: inputs.population.figures });
  if (result.problems.length > 0) throw new InputError(basisProblems(result.problems, inputs, 'billed in this run'));
  if (result.invoices.length === 0) ui.warn(`no municipality has billable days in ${run} ${year}: no invoices`);

  if (options.out !== undefined) {
    const folder = resolve(context.cwd, options.out);
    const planned: PlannedFile[] = [
      { path: join(folder, invoiceFileName(year, run)), content: (await import('../writers/invoice-csv.js')).invoiceCsv(result) },
      { path: join(folder, `summary-${year}-${run}.txt`), content: summaryText(result, inputs, context.version) },
    ];
    if (options.dryRun) {
      for (const file of planned) ui.info(`flis: --dry-run: would write ${displayPath(file.path, context.cwd)}`);
    } else {
      await ensureFolder(folder);
      const plan = await planWrites(planned);
      if (plan.conflicting.length > 0) {
        throw new FlisError(
          `${displayPath(plan.conflicting[0]!.path, context.cwd)} was already issued with different content; flis never overwrites an issued file`,
          EXIT_INPUT,
          'The inputs differ from those of the earlier run. Nothing was written.',
        );
      }
      if (plan.toWrite.length === 0) {
        ui.info(`flis: ${run} ${year} already issued, unchanged: ${displayPath(planned[0]!.path, context.cwd)}`);
      } else {
        await writeFilesAtomically(plan.toWrite);
        for (const file of plan.toWrite) ui.info(`flis: wrote ${displayPath(file.path, context.cwd)}`);
      }
    }
  }

  context.stdout.write(options.json ? invoiceRunJson(result) : invoiceTable(result));
  return 0;
}
