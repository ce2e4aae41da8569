// Writing UBL 2.1 XML with xmlbuilder2: the namespaces, and elements by their prefixed names. Shared by the
// OIOUBL and Peppol writers, which decide what goes where.

import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

export const NAMESPACES = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

type Attributes = Readonly<Record<string, string>>;

/** An element under construction: add children by prefixed name ("cbc:ID", "cac:Party"). */
export class Element {
  constructor(readonly node: XMLBuilder) {}

  /** A child element with text: <cbc:ID schemeID="…">text</cbc:ID>. */
  text(name: string, text: string, attributes: Attributes = {}): this {
    this.node.ele(namespaceOf(name), name, attributes).txt(text);
    return this;
  }

  /** A child element with children, built by `build`. */
  group(name: string, build: (element: Element) => void, attributes: Attributes = {}): this {
    build(new Element(this.node.ele(namespaceOf(name), name, attributes)));
    return this;
  }

  /** An amount in DKK: <cbc:TaxAmount currencyID="DKK">1262.50</cbc:TaxAmount>. */
  amount(name: string, amount: string, currency: string): this {
    return this.text(name, amount, { currencyID: currency });
  }
}

function namespaceOf(name: string): string {
  const prefix = name.slice(0, name.indexOf(':'));
  if (prefix !== 'cac' && prefix !== 'cbc') throw new RangeError(`not a UBL element name: ${name}`);
  return NAMESPACES[prefix];
}

/** A UBL document (Invoice or CreditNote) built by `build`, as UTF-8 XML text with a final newline. */
export function ublDocument(root: 'Invoice' | 'CreditNote', build: (document: Element) => void): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' }).ele(NAMESPACES[root], root, {
    'xmlns:cac': NAMESPACES.cac,
    'xmlns:cbc': NAMESPACES.cbc,
  });
  build(new Element(document));
  return `${document.end({ prettyPrint: true, indent: '  ' })}\n`;
}
