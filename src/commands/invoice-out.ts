// flis invoice --out DIR: issuing the run into its run folder (loaded only when --out is given).

import { resolve } from 'node:path';
import type { EInvoiceFormat } from '../documents/einvoice-formats.js';
import { FORMAT_NAMES } from '../documents/einvoice-formats.js';
import type { Seller } from '../documents/parties.js';
import type { InvoiceRun } from '../engine/billing.js';
import { Decimal, sum } from '../engine/money.js';
import { type Config, displayPath } from '../inputs.js';
import { inputRecords } from '../issued.js';
import { type Change, describeChange } from '../ledger/corrections.js';
import type { Ui } from '../ui.js';
import type { Dialect } from '../documents/dialect.js';
import type { InvoiceRow } from '../documents/invoice-document.js';
import { addressLead } from '../documents/parties.js';
import { municipalityByCode } from '../engine/municipalities.js';
import { acquireLock, lockWaitMs } from '../writers/lock.js';
import { ensureFolder, notAFolder } from '../writers/output.js';
import { EINVOICE_FOLDER, type EInvoiceRequest, issueRun } from '../writers/run-folder.js';
import { parseIsoDate } from '../engine/dates.js';
import { type Lang, textsFor } from '../texts/texts.js';
import type { CommandContext } from './context.js';
import type { InvoiceOptions } from './invoice.js';
import type { LoadedInputs } from './load.js';
import { countOf } from './problems.js';
import { ledgerContext, runRows } from './run-documents.js';

function summaryText(run: InvoiceRun, inputs: LoadedInputs, version: string, settings: IssueSettings) {
  return (documents: readonly InvoiceRow[], correction: number, changes: readonly Change[]): string => {
    const { runSummary: t } = textsFor(settings.lang);
    const net = sum(documents.map((d) => new Decimal(d.net_amount)));
    const vat = sum(documents.map((d) => new Decimal(d.vat_amount)));
    const lines: [label: string, value: string][] = [
      correction === 0 ? [t.labels.invoices, String(documents.length)] : [t.labels.documents, String(documents.length)],
      [t.labels.net, t.amount(net)],
      [t.labels.vat, t.amount(vat)],
      [t.labels.gross, t.amount(net.plus(vat))],
      [t.labels.issueDate, t.issueDate(parseIsoDate(settings.issueDate)!)],
      ...(settings.einvoice ? [[t.labels.einvoices, t.einvoices(FORMAT_NAMES[settings.einvoice.format], EINVOICE_FOLDER)] as [string, string]] : []),
      ['', ''],
      [t.labels.population, t.population(textsFor(settings.lang).sources.population(inputs.populationSource), run.year)],
      [t.labels.roster, t.roster(inputs.roster.connections.length)],
      [t.labels.tariff, t.tariff(run.tariff.name, inputs.tariffFile !== undefined)],
      [t.labels.writtenBy, `flis ${version}`],
    ];
    const width = Math.max(...lines.map(([label]) => label.length)) + 2;
    const head =
      correction === 0
        ? [t.title(run.run, run.year), '']
        : [
            t.correctionTitle(run.run, run.year, correction),
            '',
            t.changesHeading(changes.length),
            ...changes.map((c) => `  - ${describeChange(c, settings.lang)}`),
            '',
          ];
    return [...head, ...lines.map(([label, value]) => (label === '' ? '' : `${label.padEnd(width)}${value}`)), ''].join('\n');
  };
}

/** The workbook of an issue's documents (--xlsx), beside its CSV: the same documents, and where they come from. */
function workbookOf(run: InvoiceRun, inputs: LoadedInputs, version: string, settings: IssueSettings) {
  return async (documents: readonly InvoiceRow[], correction: number, changes: readonly Change[], csv: string): Promise<Uint8Array> => {
    const { runSummary: t } = textsFor(settings.lang);
    const books = await import('../writers/workbooks.js');
    const workbook = books.invoiceWorkbook({
      rows: documents,
      title: correction === 0 ? t.title(run.run, run.year) : t.correctionTitle(run.run, run.year, correction),
      changes: changes.map((c) => describeChange(c, settings.lang)),
      csv,
      correction,
      sources: books.sourcesOf(inputs, { issued: false, costs: false }),
      version,
      lang: settings.lang,
    });
    return books.workbookBytes(workbook);
  };
}

/** What an issue takes besides the run: its date, the config, and the e-invoices asked for. */
export interface IssueSettings {
  readonly issueDate: string;
  /** The invoices' due date: the issue date plus the seller's payment terms; "" where the config has no seller. */
  readonly dueDate: string;
  /** What to say of the due date when documents are issued (no seller, or illustrative payment terms). */
  readonly dueDateWarning?: string;
  /** The language of the documents' words: notes, summary, e-invoice texts. */
  readonly lang: Lang;
  readonly config: Config;
  readonly einvoice?: { readonly format: EInvoiceFormat; readonly seller: Seller };
}

async function eInvoicing(settings: IssueSettings, inputs: LoadedInputs): Promise<EInvoiceRequest | undefined> {
  if (!settings.einvoice) return undefined;
  const { eInvoiceRequest } = await import('./einvoice-render.js');
  return eInvoiceRequest({
    ...settings.einvoice,
    roster: { file: inputs.roster.file, path: inputs.files.roster, connections: inputs.roster.connections },
    // The roster is among the issue's inputs already; the seller comes from the config.
    inputs: await inputRecords({ config: settings.config.path }),
  });
}

/** The run folder's lock, taken for this flis (waiting for another, taking over a dead one's); returns its release. */
export function holdFolder(folder: string, context: CommandContext, ui: Ui): Promise<() => Promise<void>> {
  return acquireLock(folder, {
    waitMs: lockWaitMs(context.env),
    now: context.now,
    onStale: (holder) => ui.warn(`took over the lock of flis pid ${holder.pid}, which is no longer running`),
  });
}

/** "98 e-invoices (OIOUBL 2.1)" for the files written, when there are any. */
export function eInvoicesWritten(files: readonly string[], format: EInvoiceFormat | undefined): string | undefined {
  const count = files.filter((f) => f.includes(`${EINVOICE_FOLDER}`) && f.endsWith('.xml')).length;
  return count === 0 || !format ? undefined : `${countOf(count, 'e-invoice')} (${FORMAT_NAMES[format]})`;
}

export async function issueToFolder(
  options: InvoiceOptions,
  dialect: Dialect,
  result: InvoiceRun,
  inputs: LoadedInputs,
  context: CommandContext,
  ui: Ui,
  settings: IssueSettings,
): Promise<readonly InvoiceRow[]> {
  const folder = resolve(context.cwd, options.out!);
  const shown = displayPath(folder, context.cwd);
  const dryRun = options.dryRun ?? false;
  const hint = 'Give --out a folder: a new one (flis makes it) or the run folder of earlier runs. Nothing was written.';
  if (dryRun) {
    const problem = notAFolder(folder, { hint });
    if (problem) throw problem;
  } else await ensureFolder(folder, { hint });
  const release = dryRun ? async () => undefined : await holdFolder(folder, context, ui);
  try {
    const einvoices = await eInvoicing(settings, inputs);
    const connections = inputs.roster.connections;
    const outcome = await issueRun({
      folder,
      shown,
      year: result.year,
      run: result.run,
      rows: runRows(result, connections, settings.lang, { issueDate: settings.issueDate, dueDate: settings.dueDate }),
      ...ledgerContext(result, connections),
      lang: settings.lang,
      inputs: await inputRecords(inputs.files),
      tariff: result.tariff,
      version: context.version,
      dialect,
      supersede: options.supersede ?? false,
      dryRun,
      summary: summaryText(result, inputs, context.version, settings),
      ...(options.xlsx ? { workbook: workbookOf(result, inputs, context.version, settings) } : {}),
      issueDate: settings.issueDate,
      issueDateGiven: options.issueDate !== undefined,
      ...(einvoices ? { einvoices } : {}),
    });
    const show = (path: string) => displayPath(path, context.cwd);
    const format = settings.einvoice?.format;
    /** The files, the e-invoices among them counted rather than listed one by one. */
    const report = (files: readonly string[], say: (text: string) => void): void => {
      for (const file of files.filter((f) => !f.endsWith('.xml'))) say(show(file));
      const xml = eInvoicesWritten(files, format);
      if (xml) say(`${xml} in ${show(resolve(folder, EINVOICE_FOLDER))}`);
    };
    if (outcome.kind !== 'dry-run') for (const leftover of outcome.leftovers) ui.warn(`replaced ${show(leftover)}, left by a run that did not finish (it was never issued)`);
    switch (outcome.kind) {
      case 'unchanged':
        ui.info(`flis: ${result.run} ${result.year} already issued, unchanged (${shown})`);
        if (options.xlsx) ui.warn(`--xlsx: no document is issued now, so no workbook is written (a workbook is written with the documents it shows, when they are issued)`);
        if (dryRun) report(outcome.files, (f) => ui.info(`flis: --dry-run: would write ${f}, for the documents issued without them`));
        else report(outcome.files, (f) => ui.info(`flis: wrote ${f}, for the documents issued without them`));
        break;
      case 'dry-run':
        for (const change of outcome.changes) ui.info(`flis: --dry-run: would correct ${describeChange(change)}`);
        report(outcome.files, (f) => ui.info(`flis: --dry-run: would write ${f}`));
        break;
      case 'issued':
        report(outcome.files, (f) => ui.info(`flis: wrote ${f}`));
        break;
      case 'corrected':
        for (const change of outcome.changes) ui.info(`flis: corrected ${describeChange(change)}`);
        report(outcome.files, (f) => ui.info(`flis: wrote ${f} (correction ${outcome.correction})`));
        break;
    }
    if (outcome.kind !== 'unchanged') {
      if (settings.dueDateWarning && outcome.documents.some((d) => d.document_type === 'invoice')) ui.warn(settings.dueDateWarning);
      warnUnaddressed(outcome.documents, inputs, ui);
    }
    return outcome.inForce;
  } finally {
    await release();
  }
}

/**
 * The documents issued without the buyer's address (a municipality whose address flis has not confirmed, and
 * that the roster gives none for), named together in one warning with the roster columns to fill: an invoice
 * should name the buyer's address (momsbekendtgørelsen §58), and their e-invoices are refused until it does.
 */
function warnUnaddressed(documents: readonly InvoiceRow[], inputs: LoadedInputs, ui: Ui): void {
  const codes = [...new Set(documents.filter((d) => d.buyer_street === '').map((d) => d.kommune_code))].sort();
  if (codes.length === 0) return;
  const lines = new Map(inputs.roster.connections.map((c) => [c.municipality.code, c.source.line]));
  const named = codes.map((code) => {
    const lead = addressLead(code);
    const line = lines.get(code);
    const municipality = municipalityByCode(code)!;
    return `  - ${municipality.name} (${[code, line === undefined ? 'not on the roster' : `line ${line}`].join(', ')})${lead ? `: found, not confirmed: ${lead}` : ''}`;
  });
  ui.warn(
    `${inputs.roster.file}: ${codes.length === 1 ? '1 municipality has' : `${codes.length} municipalities have`} no confirmed invoice address, so ${codes.length === 1 ? 'its documents carry' : 'their documents carry'} none:\n${named.join('\n')}\n` +
      "  An invoice names the buyer's address (momsbekendtgørelsen §58). Give it in the roster's columns street, building_number, postal_code and city; e-invoices are refused until then.",
  );
}
