// A run's invoices as the documents flis writes: the engine's invoices with their dates and their buyer (the
// municipality's legal name, CVR number and address, and what the roster gives for it), and what a correction
// needs besides: each municipality's window, every municipality as the documents address it now, and the
// roster's dates.

import { type DocumentContext, type InvoiceRow, type LineRecord, buyerFields, invoiceRow, lineRecords } from '../documents/invoice-document.js';
import { type BuyerParty, buyerParty } from '../documents/parties.js';
import type { InvoiceRun } from '../engine/billing.js';
import { formatDate } from '../engine/dates.js';
import { MUNICIPALITIES } from '../engine/municipalities.js';
import type { Connection } from '../engine/types.js';
import type { BuyerRow } from '../ledger/corrections.js';
import type { Lang, RosterFacts } from '../texts/texts.js';

/** A municipality as its documents address it: what flis has for it, and what its roster line gives. */
export function buyerOf(code: string, connection: Connection | undefined): BuyerParty {
  return buyerParty(code, {
    ...(connection?.invoiceAddress ? { address: connection.invoiceAddress } : {}),
    ...(connection?.reference ? { reference: connection.reference } : {}),
    ...(connection?.kontostreng ? { kontostreng: connection.kontostreng } : {}),
  });
}

/** The run's invoices as rows, dated (or not: "" where nothing is issued) and addressed. */
export function runRows(run: InvoiceRun, connections: readonly Connection[], lang: Lang, dates: Pick<DocumentContext, 'issueDate' | 'dueDate'>): InvoiceRow[] {
  const byCode = new Map(connections.map((c) => [c.municipality.code, c]));
  return run.invoices.map((invoice) => invoiceRow(invoice, lang, { ...dates, buyer: buyerOf(invoice.municipality.code, byCode.get(invoice.municipality.code)) }));
}

/** What the ledger needs to compare and correct a run: windows, buyers and roster dates, and the lines of invoices that span a change of the tariff, by municipality code. */
export interface LedgerContext {
  readonly lines: ReadonlyMap<string, readonly LineRecord[]>;
  readonly windows: ReadonlyMap<string, { readonly from: string; readonly to: string }>;
  readonly buyers: ReadonlyMap<string, BuyerRow>;
  readonly roster: ReadonlyMap<string, RosterFacts>;
}

export function ledgerContext(run: InvoiceRun, connections: readonly Connection[]): LedgerContext {
  const byCode = new Map(connections.map((c) => [c.municipality.code, c]));
  return {
    lines: new Map(run.invoices.flatMap((i) => { const lines = lineRecords(i); return lines ? [[i.municipality.code, lines] as const] : []; })),
    windows: new Map(run.invoices.map((i) => [i.municipality.code, { from: formatDate(i.period.from), to: formatDate(i.period.to) }])),
    buyers: new Map(MUNICIPALITIES.map((m) => [m.code, buyerFields(buyerOf(m.code, byCode.get(m.code)))])),
    roster: new Map(
      connections.map((c) => [
        c.municipality.code,
        { availableFrom: c.availableFrom, ...(c.pilotStart ? { pilotStart: c.pilotStart } : {}), ...(c.exitDate ? { exitDate: c.exitDate } : {}) },
      ]),
    ),
  };
}
