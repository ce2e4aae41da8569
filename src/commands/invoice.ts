// flis invoice --period H1|H2|DEC: read the inputs, run the engine, write the invoices.

import { resolve } from 'node:path';
import { type InvoiceRun, invoiceRun } from '../engine/billing.js';
import { Decimal, formatAmount, sum } from '../engine/money.js';
import { type RunId, isRunId, RUNS } from '../engine/runs.js';
import { InputError, UsageError } from '../errors.js';
import { displayPath, inputPath, inputRecords, loadConfig, requireInput } from '../inputs.js';
import { type Change, describeChange } from '../ledger/corrections.js';
import { type Ui, createUi } from '../ui.js';
import { type Dialect, parseDialect } from '../writers/csv-dialect.js';
import { type InvoiceRow, invoiceRow } from '../writers/invoice-fields.js';
import { invoiceTable } from '../writers/invoice-table.js';
import { invoiceRunJson } from '../writers/json.js';
import { acquireLock } from '../writers/lock.js';
import { ensureFolder } from '../writers/output.js';
import { issueRun } from '../writers/run-folder.js';
import { groupThousands } from '../writers/table.js';
import type { CommandContext } from './context.js';
import { type LoadedInputs, loadInputs } from './load.js';
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

function summaryText(run: InvoiceRun, inputs: LoadedInputs, version: string) {
  return (documents: readonly InvoiceRow[], correction: number, changes: readonly Change[]): string => {
    const net = sum(documents.map((d) => new Decimal(d.net_amount)));
    const vat = sum(documents.map((d) => new Decimal(d.vat_amount)));
    const amount = (a: Decimal): string => `${groupThousands(formatAmount(a)).padStart(16)} DKK`;
    const head =
      correction === 0
        ? [`FLIS invoice run ${run.run} ${run.year}`, '', `Invoices:      ${documents.length}`]
        : [
            `FLIS invoice run ${run.run} ${run.year}, correction ${correction}`,
            '',
            `Credit notes and new invoices for ${changes.length} municipalit${changes.length === 1 ? 'y' : 'ies'}:`,
            ...changes.map((c) => `  - ${describeChange(c)}`),
            '',
            `Documents:     ${documents.length}`,
          ];
    return [
      ...head,
      `Net amount:    ${amount(net)}`,
      `VAT amount:    ${amount(vat)}`,
      `Gross amount:  ${amount(net.plus(vat))}`,
      '',
      `Population:    ${inputs.population.file} (population on 1 January ${run.year})`,
      `Roster:        ${inputs.roster.file} (${inputs.roster.connections.length} municipalities)`,
      `Tariff:        ${run.tariff.name}${inputs.tariffFile ? ` (${inputs.tariffFile})` : ' (built in)'}`,
      `Written by:    flis ${version}`,
      '',
    ].join('\n');
  };
}

/** How long a second flis waits for a run folder another is writing (FLIS_LOCK_WAIT, seconds). */
function lockWaitMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.FLIS_LOCK_WAIT ?? '10');
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 10_000;
}

async function issueToFolder(options: InvoiceOptions, dialect: Dialect, result: InvoiceRun, inputs: LoadedInputs, context: CommandContext, ui: Ui): Promise<void> {
  const folder = resolve(context.cwd, options.out!);
  const shown = displayPath(folder, context.cwd);
  const dryRun = options.dryRun ?? false;
  if (!dryRun) await ensureFolder(folder);
  const release = dryRun
    ? async () => undefined
    : await acquireLock(folder, {
        waitMs: lockWaitMs(context.env),
        now: context.now,
        onStale: (holder) => ui.warn(`took over the lock of flis pid ${holder.pid}, which is no longer running`),
      });
  try {
    const outcome = await issueRun({
      folder,
      shown,
      year: result.year,
      run: result.run,
      rows: result.invoices.map(invoiceRow),
      inputs: await inputRecords(inputs.files),
      tariff: result.tariff,
      version: context.version,
      dialect,
      supersede: options.supersede ?? false,
      dryRun,
      summary: summaryText(result, inputs, context.version),
    });
    const show = (path: string) => displayPath(path, context.cwd);
    switch (outcome.kind) {
      case 'unchanged':
        ui.info(`flis: ${result.run} ${result.year} already issued, unchanged (${shown})`);
        break;
      case 'dry-run':
        for (const change of outcome.changes) ui.info(`flis: --dry-run: would correct ${describeChange(change)}`);
        for (const file of outcome.files) ui.info(`flis: --dry-run: would write ${show(file)}`);
        break;
      case 'issued':
        for (const leftover of outcome.leftovers) ui.warn(`replaced ${leftover}, left by a run that did not finish (it was never issued)`);
        for (const file of outcome.files) ui.info(`flis: wrote ${show(file)}`);
        break;
      case 'corrected':
        for (const change of outcome.changes) ui.info(`flis: corrected ${describeChange(change)}`);
        for (const file of outcome.files) ui.info(`flis: wrote ${show(file)} (correction ${outcome.correction})`);
        break;
    }
  } finally {
    await release();
  }
}

export async function invoiceCommand(options: InvoiceOptions, context: CommandContext): Promise<number> {
  const run = parsePeriod(options.period);
  const dialect = parseDialect(options.dialect);
  if (options.out === undefined && options.dialect !== undefined) throw new UsageError('--dialect applies to the files written with --out');
  if (options.out === undefined && options.supersede) throw new UsageError('--supersede applies to a run folder given with --out');
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

  if (options.out !== undefined) await issueToFolder(options, dialect, result, inputs, context, ui);

  context.stdout.write(options.json ? invoiceRunJson(result) : invoiceTable(result));
  return 0;
}
