// The numbers of a run folder, over a random sequence of issues and corrections (populations, availability,
// pilots, exits and roster removals changing from one to the next, H1, H2 and DEC in one folder): every series
// of every run runs 1, 2, 3, … without a gap, no number is issued twice, the chain is sound, what is in force is
// what the run computed last, and the same sequence in another folder gives the same bytes.

import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerContext, runRows } from '../../src/commands/run-documents.js';
import { BILLING_FIELDS, type InvoiceRow, parseSeriesNumber } from '../../src/documents/invoice-document.js';
import { invoiceRun } from '../../src/engine/billing.js';
import { FLIS_2024_2033 } from '../../src/engine/tariff.js';
import type { RunId } from '../../src/engine/runs.js';
import { histories, historyKey } from '../../src/ledger/corrections.js';
import { readRunFolder } from '../../src/writers/run-folder-read.js';
import { type IssueRequest, issueRun } from '../../src/writers/run-folder.js';
import { connection, populationTable } from '../support.js';

/** A small, seeded pseudo-random generator (mulberry32): the same seed, the same sequence. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = ['101', '147', '461', '751', '851', '860'];
const BASE: Record<string, number> = { '101': 659350, '147': 104899, '461': 209078, '751': 367095, '851': 223174, '860': 63544 };

/** One step of the sequence: a run and the inputs it is computed on now, issued on `issueDate`. */
function step(next: () => number, folder: string, issueDate: string): IssueRequest {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const run = pick<RunId>(['H1', 'H1', 'H2', 'H2', 'DEC']);
  const connections = CODES.filter(() => next() < 0.85).map((code) => {
    const availableFrom = pick(['2024-01-01', '2024-01-01', '2024-01-20', '2024-03-01', '2024-09-15']);
    const pilotStart = next() < 0.2 ? availableFrom : undefined;
    const exitDate = next() < 0.25 ? pick(['2024-04-01', '2024-08-16', '2024-12-01']) : undefined;
    return connection({ code, availableFrom, ...(pilotStart ? { pilotStart } : {}), ...(exitDate && exitDate > availableFrom ? { exitDate } : {}) });
  });
  const population = populationTable(Object.fromEntries(CODES.map((code) => [code, { 2024: BASE[code]! + (next() < 0.3 ? Math.floor(next() * 50) : 0) }])));
  const computed = invoiceRun({ year: 2024, run, tariff: FLIS_2024_2033, population, connections });
  const dueDate = `${issueDate.slice(0, 5)}12-31`;
  return {
    folder,
    shown: folder,
    year: 2024,
    run,
    rows: runRows(computed, connections, next() < 0.5 ? 'da' : 'en', { issueDate, dueDate }),
    ...ledgerContext(computed, connections),
    inputs: [],
    tariff: FLIS_2024_2033,
    version: 'test',
    dialect: next() < 0.3 ? 'excel-da' : 'default',
    supersede: true,
    dryRun: false,
    summary: (documents) => `${documents.length} documents\n`,
    issueDate,
    lang: 'da',
  };
}

/** Every file under a folder, relative, with its bytes. */
function files(folder: string, under = ''): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of readdirSync(join(folder, under))) {
    const path = join(under, name);
    if (statSync(join(folder, path)).isDirectory()) Object.assign(result, files(folder, path));
    else result[path] = readFileSync(join(folder, path)).toString('base64');
  }
  return result;
}

async function sequence(seed: number, steps: number): Promise<{ folder: string; last: Map<string, IssueRequest>; requests: IssueRequest[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'flis-series-'));
  const next = random(seed);
  const last = new Map<string, IssueRequest>();
  const requests: IssueRequest[] = [];
  for (let i = 0; i < steps; i++) {
    // Issue dates that never go back: 2024-02-01, then a day later each step.
    const day = new Date(Date.UTC(2024, 1, 1 + i));
    const request = step(next, folder, day.toISOString().slice(0, 10));
    requests.push(request);
    await issueRun(request);
    last.set(request.run, request);
  }
  return { folder, last, requests };
}

describe.each([1, 2, 3, 4, 5, 6])('a random sequence of issues and corrections (seed %i)', (seed) => {
  it('every series 1..n without a gap, every number once, a sound chain, the last computation in force, the same bytes again', async () => {
    const { folder, last, requests } = await sequence(seed, 24);
    const { documents } = await readRunFolder(folder, folder, { requireManifest: true });
    expect(documents.length).toBeGreaterThan(10);

    const numbers = documents.map((d) => d.row.invoice_number);
    expect(new Set(numbers).size).toBe(numbers.length);
    // The sequence did correct: credit notes, and invoices replacing what they credited.
    expect(documents.some((d) => d.row.document_type === 'credit_note')).toBe(true);
    expect(documents.some((d) => d.row.replaced_invoice !== '')).toBe(true);
    for (const run of ['H1', 'H2', 'DEC']) {
      const ofRun = documents.filter((d) => d.issue.run === run).map((d) => parseSeriesNumber(d.row.invoice_number)!);
      for (const kind of ['invoice', 'credit-note'] as const) {
        const serials = ofRun.filter((n) => n.kind === kind).map((n) => n.serial);
        expect(serials, `${run} ${kind}`).toEqual(serials.map((_, i) => i + 1));
      }
    }

    // In force: for each run, what its last issue computed, field for field (and nothing else).
    const inForce = [...histories(documents).values()].flatMap((h) => (h.inForce ? [h.inForce.row] : []));
    for (const [run, request] of last) {
      const billing = (rows: readonly InvoiceRow[]) => rows.map((r) => [historyKey(r), ...BILLING_FIELDS.map((f) => r[f])]).sort();
      expect(billing(inForce.filter((r) => r.run === run)), run).toEqual(billing(request.rows));
      // and run again: unchanged
      expect((await issueRun({ ...request, issueDate: '2025-12-31' })).kind, run).toBe('unchanged');
    }

    // The same sequence in another folder: the same numbers, the same bytes.
    const other = mkdtempSync(join(tmpdir(), 'flis-series-'));
    for (const request of requests) await issueRun({ ...request, folder: other, shown: other });
    expect(files(other)).toEqual(files(folder));
  }, 60_000);
});
