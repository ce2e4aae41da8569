// An issue of H1 2024 for Copenhagen and Odense, as the run-folder tests make it (Odense a pilot when asked): the
// rows as the invoice command makes them (dated, addressed), and what a correction needs besides.

import { invoiceRun } from '../../src/engine/billing.js';
import { FLIS_2024_2033 } from '../../src/engine/tariff.js';
import type { InvoiceRow } from '../../src/documents/invoice-document.js';
import { ledgerContext, runRows } from '../../src/commands/run-documents.js';
import type { Connection } from '../../src/engine/types.js';
import type { IssueRequest } from '../../src/writers/run-folder.js';
import { connection, populationTable } from '../support.js';

const population = populationTable({ '461': { 2024: 209078 }, '101': { 2024: 659350 } });

const connectionsFor = (pilot?: string): Connection[] => [connection({ code: '101' }), connection({ code: '461', pilotStart: pilot })];
const runFor = (pilot?: string) => invoiceRun({ year: 2024, run: 'H1', tariff: FLIS_2024_2033, population, connections: connectionsFor(pilot) });

/** The run's rows, dated as issued on `issueDate` (due 30 days later). */
export const rowsFor = (pilot?: string, issueDate = '2024-02-15', dueDate = '2024-03-16'): InvoiceRow[] => runRows(runFor(pilot), connectionsFor(pilot), 'da', { issueDate, dueDate });

export function request(folder: string, overrides: Partial<IssueRequest> = {}): IssueRequest {
  return {
    folder,
    shown: folder,
    year: 2024,
    run: 'H1',
    rows: rowsFor(),
    ...ledgerContext(runFor(), connectionsFor()),
    inputs: [],
    tariff: FLIS_2024_2033,
    version: 'test',
    dialect: 'default',
    supersede: false,
    dryRun: false,
    summary: (documents) => `${documents.length} documents\n`,
    issueDate: '2024-02-15',
    lang: 'da',
    ...overrides,
  };
}
