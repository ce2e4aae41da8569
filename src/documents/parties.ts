// The parties of an e-invoice: the seller (KOMBIT, from the config's `seller` object) and the buyer (a
// municipality, from the roster). Every value here was read from a file and checked there.

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

/** The municipality an e-invoice is addressed to. */
export interface Buyer {
  readonly name: string;
  readonly kommuneCode: string;
  /** Its GLN (EAN location number): where NemHandel delivers the document. */
  readonly ean: string;
  /** The municipality's order or person reference (personreference), required on its invoices. */
  readonly reference: string;
}
