// flis invoice --out DIR: issuing the run into its run folder (loaded only when --out is given).

import { resolve } from 'node:path';
import type { InvoiceRun } from '../engine/billing.js';
import { Decimal, sum } from '../engine/money.js';
import { displayPath } from '../inputs.js';
import { inputRecords } from '../issued.js';
import { type Change, describeChange } from '../ledger/corrections.js';
import type { Ui } from '../ui.js';
import type { Dialect } from '../documents/dialect.js';
import { type InvoiceRow, invoiceRow } from '../documents/invoice-document.js';
import { acquireLock } from '../writers/lock.js';
import { ensureFolder } from '../writers/output.js';
import { issueRun } from '../writers/run-folder.js';
import { amountForPeople } from '../writers/table.js';
import type { CommandContext } from './context.js';
import type { InvoiceOptions } from './invoice.js';
import type { LoadedInputs } from './load.js';

function summaryText(run: InvoiceRun, inputs: LoadedInputs, version: string) {
  return (documents: readonly InvoiceRow[], correction: number, changes: readonly Change[]): string => {
    const net = sum(documents.map((d) => new Decimal(d.net_amount)));
    const vat = sum(documents.map((d) => new Decimal(d.vat_amount)));
    const amount = (a: Decimal): string => `${amountForPeople(a).padStart(16)} DKK`;
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

export async function issueToFolder(options: InvoiceOptions, dialect: Dialect, result: InvoiceRun, inputs: LoadedInputs, context: CommandContext, ui: Ui): Promise<void> {
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

