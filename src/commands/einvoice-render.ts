// What flis invoice --einvoice and flis einvoice share: the e-invoices of documents, refused together (exit 1,
// every municipality with its roster line) where a document has no EAN, no reference or no postal address of
// the buyer to send it with. Loaded only when e-invoices are written.

import { type EInvoiceFormat, FORMAT_NAMES } from '../documents/einvoice-formats.js';
import { type Buyer, type Seller, addressLead, splitStreetLine } from '../documents/parties.js';
import { type InvoiceRow, isLegacyRow } from '../documents/invoice-document.js';
import { Decimal } from '../engine/money.js';
import { describeMunicipality, municipalityByCode } from '../engine/municipalities.js';
import type { Connection } from '../engine/types.js';
import { EXIT_INPUT, FlisError, InputError, type InputProblem } from '../errors.js';
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
 * The buyer of a document's e-invoice, as the document states it: its legal name, CVR number, address, EAN,
 * reference and account string. A document issued before flis recorded its buyer names the municipality by
 * DST's name, with the reference the roster gives now.
 */
export function buyerOfRow(row: InvoiceRow, connection: Connection | undefined): Buyer {
  if (isLegacyRow(row)) return { name: row.kommune_name, kommuneCode: row.kommune_code, ean: row.ean, reference: connection?.reference ?? '' };
  const street = splitStreetLine(row.buyer_street);
  return {
    name: row.buyer_name,
    kommuneCode: row.kommune_code,
    cvr: row.buyer_cvr,
    ean: row.ean,
    reference: row.buyer_reference,
    ...(street ? { address: { ...street, postalCode: row.buyer_postal_code, city: row.buyer_city } } : {}),
    ...(row.kontostreng !== '' ? { kontostreng: row.kontostreng } : {}),
  };
}

/**
 * The e-invoices of documents, written with the seller and with each document's buyer (buyerOfRow). Documents
 * that cannot be sent (no EAN, no reference, no postal address of the buyer) are refused together, one problem
 * per municipality at its roster line.
 */
export function eInvoiceRequest(setup: EInvoiceSetup): EInvoiceRequest {
  const byCode = new Map(setup.roster.connections.map((c) => [c.municipality.code, c]));
  const write = setup.format === 'oioubl' ? oioublXml : peppolXml;
  return {
    format: setup.format,
    inputs: setup.inputs,
    render: (documents: readonly DocumentToSend[]) => {
      if (setup.format === 'oioubl') refuseTwoVatRates(documents);
      refuseUnsendable(documents, byCode, setup);
      return documents.map((d) =>
        write(
          eInvoiceOf(d.row, {
            seller: setup.seller,
            buyer: buyerOfRow(d.row, byCode.get(d.row.kommune_code)),
            issueDate: d.issueDate,
            knee: { threshold: Number(d.tariff.knee_threshold), rate: new Decimal(String(d.tariff.knee_rate)) },
            ...(d.credits ? { credits: d.credits } : {}),
            ...(d.replaces ? { replaces: d.replaces } : {}),
            ...(d.lines ? { lines: d.lines } : {}),
            lang: d.lang,
          }),
        ),
      );
    },
  };
}

/**
 * OIOUBL 2.1 totals the VAT per tax category (F-LIB402: the standard rate's subtotal is the whole of the lines at
 * the standard rate), so a document cannot state two standard rates: one whose lines have two VAT rates (a change
 * of the VAT rate inside its period, billing rules §11) is refused, naming it. Peppol BIS 3.0 states a subtotal
 * per rate.
 */
function refuseTwoVatRates(documents: readonly DocumentToSend[]): void {
  const mixed = documents.filter((d) => new Set((d.lines ?? []).map((l) => l.vat_rate)).size > 1).map((d) => d.row.invoice_number);
  if (mixed.length === 0) return;
  throw new FlisError(
    `${listOf(mixed, 3)} ${mixed.length === 1 ? 'bills' : 'bill'} days at two VAT rates (the tariff's vat_rate changes inside the period): OIOUBL 2.1 states one standard rate per document, so ${mixed.length === 1 ? 'it' : 'they'} cannot be sent as OIOUBL. Nothing was written.`,
    EXIT_INPUT,
    'Send them as Peppol BIS 3.0 (--einvoice peppol), which states the VAT of each rate; NemHandel accepts both.',
  );
}

function refuseUnsendable(documents: readonly DocumentToSend[], byCode: ReadonlyMap<string, Connection>, setup: EInvoiceSetup): void {
  const lacking = new Map<string, { numbers: string[]; ean: boolean; reference: boolean; address: boolean; legacy: boolean; issued: boolean; connection?: Connection }>();
  for (const { row, issued } of documents) {
    const connection = byCode.get(row.kommune_code);
    const buyer = buyerOfRow(row, connection);
    const noEan = row.ean === '';
    const noReference = buyer.reference === '';
    // A document issued before flis recorded the buyer's address is sent as it was issued.
    const noAddress = !isLegacyRow(row) && !buyer.address;
    if (!noEan && !noReference && !noAddress) continue;
    const entry = lacking.get(row.kommune_code) ?? { numbers: [], ean: false, reference: false, address: false, legacy: isLegacyRow(row), issued: false, ...(connection ? { connection } : {}) };
    entry.numbers.push(row.invoice_number);
    entry.ean ||= noEan;
    entry.reference ||= noReference;
    entry.address ||= noAddress;
    entry.issued ||= issued && !isLegacyRow(row);
    lacking.set(row.kommune_code, entry);
  }
  if (lacking.size === 0) return;
  const lines = rosterLines(setup.roster.path);
  const format = FORMAT_NAMES[setup.format];
  const problems: InputProblem[] = [...lacking].map(([code, entry]) => {
    const who = describeMunicipality(municipalityByCode(code)!);
    const documentsOf = `${entry.numbers.length === 1 ? 'its document' : 'its documents'} ${listOf(entry.numbers, 3)}`;
    if (!entry.connection && entry.legacy && entry.reference) {
      return {
        file: setup.roster.file,
        message: `${who} is not on the roster, so ${documentsOf} cannot be sent as ${format}: the roster gives each municipality's reference`,
        hint: 'Keep a municipality that has left on the roster (with its exit_date), with its ean and reference.',
      };
    }
    const missing = [entry.ean ? 'no EAN' : '', entry.reference ? 'no reference' : '', entry.address ? 'no confirmed postal address' : ''].filter((m) => m !== '');
    const lead = entry.address ? addressLead(code) : undefined;
    return {
      file: setup.roster.file,
      ...(entry.connection ? { line: entry.connection.source.line, excerpt: lines[entry.connection.source.line - 1] } : {}),
      message: `${who} has ${missing.length === 3 ? `${missing[0]}, ${missing[1]} and ${missing[2]}` : missing.join(' and ')}: ${documentsOf} cannot be sent as ${format}`,
      hint: [
        ...(entry.ean ? ["E-invoices are delivered to the municipality's EAN (GLN): add it in the roster's ean column."] : []),
        ...(entry.reference ? ["Danish public buyers require their reference (personreference) on every invoice: add it in the roster's reference column."] : []),
        ...(entry.address
          ? [
              "An invoice names the buyer's address (momsbekendtgørelsen §58), and flis has none confirmed for it" +
                `${lead ? ` (found, not confirmed: ${lead})` : ''}: give it in the roster's columns street, building_number, postal_code and city.`,
            ]
          : []),
        ...(entry.issued
          ? ['These documents were issued without it, and an issued document is never changed: once the roster gives it, flis invoice --supersede credits them and issues them again with it.']
          : []),
      ].join('\n  '),
    };
  });
  throw new InputError(problems);
}
