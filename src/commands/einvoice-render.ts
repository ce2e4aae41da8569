// What flis invoice --einvoice and flis einvoice share: the e-invoices of documents, refused together (exit 1,
// every municipality with its roster line) where a document has no EAN or no reference to send it with.
// Loaded only when e-invoices are written.

import { type EInvoiceFormat, FORMAT_NAMES } from '../documents/einvoice-formats.js';
import type { Seller } from '../documents/parties.js';
import { Decimal } from '../engine/money.js';
import { describeMunicipality, municipalityByCode } from '../engine/municipalities.js';
import type { Connection } from '../engine/types.js';
import { InputError, type InputProblem } from '../errors.js';
import type { InputRecord } from '../ledger/manifest.js';
import { eInvoiceOf } from '../writers/einvoice.js';
import { oioublXml } from '../writers/oioubl.js';
import { peppolXml } from '../writers/peppol.js';
import type { DocumentToSend, EInvoiceRequest } from '../writers/run-folder.js';
import { listOf, rosterLines } from './problems.js';

export interface EInvoiceSetup {
  readonly format: EInvoiceFormat;
  readonly seller: Seller;
  readonly roster: { readonly file: string; readonly path: string; readonly connections: readonly Connection[] };
  /** The roster and the config, with their SHA-256, for the manifest. */
  readonly inputs: readonly InputRecord[];
}

/**
 * The e-invoices of documents, written with the seller and with each municipality's EAN (as issued) and
 * reference (from the roster). Documents that cannot be sent (no EAN, no reference, not on the roster) are
 * refused together, one problem per municipality at its roster line.
 */
export function eInvoiceRequest(setup: EInvoiceSetup): EInvoiceRequest {
  const byCode = new Map(setup.roster.connections.map((c) => [c.municipality.code, c]));
  const write = setup.format === 'oioubl' ? oioublXml : peppolXml;
  return {
    format: setup.format,
    inputs: setup.inputs,
    render: (documents: readonly DocumentToSend[]) => {
      refuseUnsendable(documents, byCode, setup);
      return documents.map((d) => {
        const connection = byCode.get(d.row.kommune_code)!;
        return write(
          eInvoiceOf(d.row, {
            seller: setup.seller,
            buyer: { name: d.row.kommune_name, kommuneCode: d.row.kommune_code, ean: d.row.ean, reference: connection.reference! },
            issueDate: d.issueDate,
            knee: { threshold: Number(d.tariff.knee_threshold), rate: new Decimal(String(d.tariff.knee_rate)) },
            ...(d.credits ? { credits: d.credits } : {}),
            lang: d.lang,
          }),
        );
      });
    },
  };
}

function refuseUnsendable(documents: readonly DocumentToSend[], byCode: ReadonlyMap<string, Connection>, setup: EInvoiceSetup): void {
  const lacking = new Map<string, { numbers: string[]; ean: boolean; reference: boolean; connection?: Connection }>();
  for (const { row } of documents) {
    const connection = byCode.get(row.kommune_code);
    const noEan = row.ean === '';
    const noReference = !connection?.reference;
    if (!noEan && !noReference) continue;
    const entry = lacking.get(row.kommune_code) ?? { numbers: [], ean: noEan, reference: noReference, ...(connection ? { connection } : {}) };
    entry.numbers.push(row.invoice_number);
    lacking.set(row.kommune_code, entry);
  }
  if (lacking.size === 0) return;
  const lines = rosterLines(setup.roster.path);
  const format = FORMAT_NAMES[setup.format];
  const problems: InputProblem[] = [...lacking].map(([code, entry]) => {
    const who = describeMunicipality(municipalityByCode(code)!);
    const documentsOf = `${entry.numbers.length === 1 ? 'its document' : 'its documents'} ${listOf(entry.numbers, 3)}`;
    if (!entry.connection) {
      return {
        file: setup.roster.file,
        message: `${who} is not on the roster, so ${documentsOf} cannot be sent as ${format}: the roster gives each municipality's reference`,
        hint: 'Keep a municipality that has left on the roster (with its exit_date), with its ean and reference.',
      };
    }
    const missing = entry.ean && entry.reference ? 'no EAN and no reference' : entry.ean ? 'no EAN' : 'no reference';
    return {
      file: setup.roster.file,
      line: entry.connection.source.line,
      excerpt: lines[entry.connection.source.line - 1],
      message: `${who} has ${missing}: ${documentsOf} cannot be sent as ${format}`,
      hint: [
        ...(entry.ean ? ["E-invoices are delivered to the municipality's EAN (GLN): add it in the roster's ean column."] : []),
        ...(entry.reference ? ["Danish public buyers require their reference (personreference) on every invoice: add it in the roster's reference column."] : []),
      ].join('\n  '),
    };
  });
  throw new InputError(problems);
}
