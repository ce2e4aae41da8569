// The parties of an invoice: the seller (KOMBIT, from the config's `seller` object) and the buyer (a
// municipality: its legal name, CVR number and address as compiled into flis, municipality-parties.ts, and what
// the roster gives for it). Every value here was read from a file and checked there.

import { MUNICIPALITY_PARTIES } from './municipality-parties.js';

export interface PostalAddress {
  readonly street: string;
  readonly buildingNumber: string;
  readonly postalCode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2, "DK". */
  readonly country: string;
}

/** Where the buyer pays: a Danish account (reg. no. + account no.) and/or an IBAN with its BIC. */
export interface BankAccount {
  readonly regNo?: string;
  readonly accountNo?: string;
  readonly iban?: string;
  readonly bic?: string;
}

export interface Seller {
  readonly name: string;
  /** The CVR number, 8 digits. */
  readonly cvr: string;
  /** The VAT number (momsnummer), "DK" and 8 digits. */
  readonly vatNumber: string;
  /** The seller's own GLN (EAN location number), if it has one. */
  readonly gln?: string;
  readonly address: PostalAddress;
  readonly bank: BankAccount;
  /** Days from the issue date to the due date. */
  readonly paymentTermsDays: number;
  readonly email: string;
  readonly phone?: string;
  /** Keys whose values the config marks as examples, not the seller's real ones (warned about on every use). */
  readonly illustrative: readonly string[];
}

/** A Danish postal address on an invoice. The building number never holds a space ("7", "3B", "59-61"). */
export interface DanishAddress {
  readonly street: string;
  readonly buildingNumber: string;
  /** 4 digits. */
  readonly postalCode: string;
  readonly city: string;
}

/** A municipality as a party to an invoice, as compiled into flis from fixtures/kommuner (see its SOURCES.md). */
export interface MunicipalityParty {
  readonly code: string;
  /** The name an invoice addresses it by: "Odense Kommune", "Københavns Kommune", "Bornholms Regionskommune". */
  readonly legalName: string;
  /** Its CVR number, 8 digits. */
  readonly cvr: string;
  /** The town hall's address as found: complete where confirmed; otherwise a lead, parts of it possibly empty. */
  readonly lead: DanishAddress;
  /** Whether the address was confirmed: only then does flis put it on an invoice without the roster giving one. */
  readonly addressVerified: boolean;
}

/** What the roster says of a municipality as a buyer, where it says anything. */
export interface BuyerOverrides {
  readonly address?: DanishAddress;
  readonly reference?: string;
  readonly kontostreng?: string;
}

/** A municipality as an invoice addresses it: the fields of the buyer on every document. */
export interface BuyerParty {
  readonly code: string;
  readonly legalName: string;
  readonly cvr: string;
  /** The roster's address, or the confirmed one compiled into flis; none where neither is there. */
  readonly address?: DanishAddress;
  /** Where the address comes from. */
  readonly addressFrom?: 'roster' | 'register';
  readonly reference?: string;
  readonly kontostreng?: string;
}

/** The municipality of that code as a buyer, with what the roster gives for it. */
export function buyerParty(code: string, overrides: BuyerOverrides = {}): BuyerParty {
  const party = MUNICIPALITY_PARTIES.get(code);
  if (!party) throw new RangeError(`no municipality ${code}`);
  const address = overrides.address ?? (party.addressVerified ? party.lead : undefined);
  return {
    code,
    legalName: party.legalName,
    cvr: party.cvr,
    ...(address ? { address, addressFrom: overrides.address ? 'roster' : 'register' } : {}),
    ...(overrides.reference ? { reference: overrides.reference } : {}),
    ...(overrides.kontostreng ? { kontostreng: overrides.kontostreng } : {}),
  };
}

/** The lead of an address not confirmed, in words ("Hold-An Vej 7, 2750 Ballerup"), or undefined where nothing was found. */
export function addressLead(code: string): string | undefined {
  const party = MUNICIPALITY_PARTIES.get(code);
  if (!party || party.addressVerified) return undefined;
  const { street, buildingNumber, postalCode, city } = party.lead;
  const line = [street, buildingNumber].filter((p) => p !== '').join(' ');
  const town = [postalCode, city].filter((p) => p !== '').join(' ');
  const words = [line, town].filter((p) => p !== '').join(', ');
  return words === '' ? undefined : words;
}

/** "Flakhaven 2": the street and building number as one line (the invoice CSV's buyer_street). */
export function streetLine(address: DanishAddress): string {
  return `${address.street} ${address.buildingNumber}`;
}

/** A street line back to its street and building number: the building number is what follows the last space. */
export function splitStreetLine(line: string): { street: string; buildingNumber: string } | undefined {
  const at = line.lastIndexOf(' ');
  if (at <= 0 || at === line.length - 1) return undefined;
  return { street: line.slice(0, at), buildingNumber: line.slice(at + 1) };
}

/** The municipality an e-invoice is addressed to, as its document (the issued row) states it. */
export interface Buyer {
  /** Its legal name; for a document issued before flis recorded it, DST's name. */
  readonly name: string;
  readonly kommuneCode: string;
  /** Its CVR number, where the document records it. */
  readonly cvr?: string;
  /** Its GLN (EAN location number): where NemHandel delivers the document. */
  readonly ean: string;
  /** The municipality's order or person reference (personreference), required on its invoices. */
  readonly reference: string;
  /** Its postal address, where the document records it. */
  readonly address?: DanishAddress;
  /** Its account string (kontostreng), where the roster gives one. */
  readonly kontostreng?: string;
}
