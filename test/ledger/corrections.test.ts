// A correction's documents: how they are numbered (in series, or by code in a run first issued before), what
// they record of each other, and why each credit note says it credits its invoice.

import { describe, expect, it } from 'vitest';
import { ledgerContext, runRows } from '../../src/commands/run-documents.js';
import { type InvoiceRow, codeNumber } from '../../src/documents/invoice-document.js';
import { invoiceRun } from '../../src/engine/billing.js';
import { FLIS_2024_2033, type Tariff } from '../../src/engine/tariff.js';
import type { Connection } from '../../src/engine/types.js';
import { Decimal } from '../../src/engine/money.js';
import { type CorrectionSettings, changesOf, correctionDocuments, histories } from '../../src/ledger/corrections.js';
import { connection, populationTable } from '../support.js';

const population = (odense = 209078) => populationTable({ '461': { 2024: odense }, '101': { 2024: 659350 }, '851': { 2024: 223174 } });
const ROSTER = [connection({ code: '101' }), connection({ code: '461' }), connection({ code: '851' })];

function rows(connections: readonly Connection[], options: { odense?: number; tariff?: Tariff; lang?: 'da' | 'en'; issueDate?: string } = {}): InvoiceRow[] {
  const run = invoiceRun({ year: 2024, run: 'H1', tariff: options.tariff ?? FLIS_2024_2033, population: population(options.odense), connections });
  return runRows(run, connections, options.lang ?? 'en', { issueDate: options.issueDate ?? '2024-02-12', dueDate: '2024-03-13' });
}

/** The correction of `issued` into what `connections` (and the options) compute now. */
function correct(issued: readonly InvoiceRow[], connections: readonly Connection[], options: Parameters<typeof rows>[1] & { numbering?: CorrectionSettings['numbering'] } = {}): InvoiceRow[] {
  const history = histories(issued.map((row, i) => ({ row, source: { file: 'invoices-2024-H1.csv', line: i + 2 } })));
  const now = rows(connections, { ...options, issueDate: '2024-06-03' });
  const run = invoiceRun({ year: 2024, run: 'H1', tariff: options.tariff ?? FLIS_2024_2033, population: population(options.odense), connections });
  return correctionDocuments(changesOf(history, now), history, {
    year: 2024,
    run: 'H1',
    numbering: options.numbering ?? 'series/1',
    issueDate: '2024-06-03',
    lang: options.lang ?? 'en',
    ...ledgerContext(run, connections),
  });
}

const firstIssue = rows(ROSTER);
const notesOf = (documents: readonly InvoiceRow[]) => documents.filter((d) => d.document_type === 'credit_note').map((d) => d.notes);

describe('why a credit note credits its invoice, in words', () => {
  it('a population corrected', () => {
    expect(notesOf(correct(firstIssue, ROSTER, { odense: 209100 }))).toEqual(['credit note (kreditnota) for FLIS-2024-H1-0002: the population on 1 January 2024 is 209,100, not 209,078']);
    expect(notesOf(correct(rows(ROSTER, { lang: 'da' }), ROSTER, { odense: 209100, lang: 'da' }))).toEqual([
      'kreditnota for FLIS-2024-H1-0002: befolkningstallet pr. 1. januar 2024 er 209.100, ikke 209.078',
    ]);
  });

  it('the day FLIS was made available, and an exit: the period billed begins or ends otherwise', () => {
    const later = [connection({ code: '101', availableFrom: '2024-01-15' }), connection({ code: '461' }), connection({ code: '851', exitDate: '2024-05-16' })];
    expect(notesOf(correct(firstIssue, later))).toEqual([
      'credit note (kreditnota) for FLIS-2024-H1-0001: the period begins 2024-01-15, not 2024-01-01 (tilrådighedsstillelse)',
      'credit note (kreditnota) for FLIS-2024-H1-0003: the period ends 2024-05-15, not 2024-06-30 (udtræden)',
    ]);
  });

  it('a pilot: the billable days, with what the roster says; a municipality off the roster: nothing to invoice', () => {
    expect(notesOf(correct(firstIssue, [connection({ code: '101' }), connection({ code: '461', pilotStart: '2024-01-01' })]))).toEqual([
      'credit note (kreditnota) for FLIS-2024-H1-0002: the billable days of the period changed (roster: available from 2024-01-01, pilot from 2024-01-01)',
      'credit note (kreditnota) for FLIS-2024-H1-0003: the municipality is no longer on the roster: nothing to invoice in run H1 2024',
    ]);
    const gone = [connection({ code: '101' }), connection({ code: '461', exitDate: '2024-01-01' }), connection({ code: '851' })];
    expect(notesOf(correct(firstIssue, gone))).toEqual(['credit note (kreditnota) for FLIS-2024-H1-0002: no billable day in run H1 2024 by the roster (available from 2024-01-01, exit 2024-01-01)']);
  });

  it('the price, the EAN, the buyer\'s address, reference and account string', () => {
    const cheaper: Tariff = { ...FLIS_2024_2033, pricePerCitizen: new Decimal('7.50') };
    expect(notesOf(correct(firstIssue, ROSTER, { tariff: cheaper }))[0]).toBe('credit note (kreditnota) for FLIS-2024-H1-0001: the price per citizen is 7.50 DKK, not 7.96 DKK (tariff)');
    const moved: Connection[] = [
      { ...connection({ code: '101', ean: '5798009811578' }), invoiceAddress: { street: 'Rådhuspladsen', buildingNumber: '1', postalCode: '1599', city: 'København V' } },
      { ...connection({ code: '461' }), reference: 'Lone Hansen', kontostreng: '12-34' },
      connection({ code: '851' }),
    ];
    expect(notesOf(correct(firstIssue, moved))).toEqual([
      'credit note (kreditnota) for FLIS-2024-H1-0001: the EAN is 5798009811578, not (none); the buyer is Københavns Kommune (CVR 64942212), Rådhuspladsen 1, 1599 København V, not Københavns Kommune (CVR 64942212)',
      'credit note (kreditnota) for FLIS-2024-H1-0002: the buyer\'s reference is "Lone Hansen", not (none); the account string (kontostreng) is 12-34, not (none)',
    ]);
  });
});

describe('the numbers of a correction', () => {
  it('in series: credit notes K0001, … in code order, new invoices the next of the invoice series, each recording what it credits or replaces', () => {
    const documents = correct(firstIssue, [connection({ code: '101', exitDate: '2024-05-01' }), connection({ code: '461', pilotStart: '2024-01-01' })]);
    expect(documents.map((d) => [d.invoice_number, d.document_type, d.credited_invoice, d.replaced_invoice, d.kommune_code])).toEqual([
      ['FLIS-2024-H1-K0001', 'credit_note', 'FLIS-2024-H1-0001', '', '101'],
      ['FLIS-2024-H1-0004', 'invoice', '', 'FLIS-2024-H1-0001', '101'],
      ['FLIS-2024-H1-K0002', 'credit_note', 'FLIS-2024-H1-0002', '', '461'],
      ['FLIS-2024-H1-0005', 'invoice', '', 'FLIS-2024-H1-0002', '461'],
      ['FLIS-2024-H1-K0003', 'credit_note', 'FLIS-2024-H1-0003', '', '851'],
    ]);
    expect(documents[0]).toMatchObject({ issue_date: '2024-06-03', due_date: '', buyer_name: 'Københavns Kommune', net_amount: '-1610606.50' });
    expect(documents[1]).toMatchObject({ issue_date: '2024-06-03', due_date: '2024-03-13' });
  });

  it('by code, in a run first issued before: Kk and Rk of the municipality, the base number for one never invoiced', () => {
    const legacy = rows([connection({ code: '461' })]).map((r) => ({ ...r, invoice_number: codeNumber(2024, 'H1', r.kommune_code) }));
    const documents = correct(legacy, [connection({ code: '101' }), connection({ code: '461', pilotStart: '2024-01-01' })], { numbering: 'code' });
    expect(documents.map((d) => [d.invoice_number, d.credited_invoice, d.replaced_invoice])).toEqual([
      ['FLIS-2024-H1-101', '', ''],
      ['FLIS-2024-H1-461-K1', 'FLIS-2024-H1-461', ''],
      ['FLIS-2024-H1-461-R1', '', 'FLIS-2024-H1-461'],
    ]);
  });
});
