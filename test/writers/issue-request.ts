// An issue of H1 2024 for Copenhagen and Odense, as the run-folder tests make it (Odense a pilot when asked).

import { invoiceRun } from '../../src/engine/billing.js';
import { FLIS_2024_2033 } from '../../src/engine/tariff.js';
import { type InvoiceRow, invoiceRow } from '../../src/documents/invoice-document.js';
import type { IssueRequest } from '../../src/writers/run-folder.js';
import { connection, populationTable } from '../support.js';

const population = populationTable({ '461': { 2024: 209078 }, '101': { 2024: 659350 } });

export const rowsFor = (pilot?: string): InvoiceRow[] =>
  invoiceRun({ year: 2024, run: 'H1', tariff: FLIS_2024_2033, population, connections: [connection({ code: '101' }), connection({ code: '461', pilotStart: pilot })] }).invoices.map((invoice) => invoiceRow(invoice, 'da'));

export function request(folder: string, overrides: Partial<IssueRequest> = {}): IssueRequest {
  return {
    folder,
    shown: folder,
    year: 2024,
    run: 'H1',
    rows: rowsFor(),
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
