// The judges of flis's e-invoices. flis's own code has no part in them.
//
// - XSD: the OASIS UBL 2.1 schemas from the standards folder (standards-folder.ts), with libxml2
//   (libxml2-wasm). Both formats.
// - Peppol BIS Billing 3.0: the published Peppol rules (.sch, 3.0.21 and 3.0.19) from the standards folder,
//   run as they are by the project's schematron engine (schematron.ts) on SaxonJS's XPath 3.1.
// - OIOUBL 2.1's business rules (oioubl-rules.ts) and EN 16931's rules on totals and VAT (en16931-rules.ts):
//   the project's own checks, run by the same engine. They need no file from outside.

import { join } from 'node:path';
import { ParseOption, XmlBufferInputProvider, XmlDocument, XmlParseError, XmlValidateError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import { EN16931_RULES } from './en16931-rules.js';
import { OIOUBL_LETS, OIOUBL_RULES } from './oioubl-rules.js';
import { type DocumentKind, type OwnRule, schemaOf } from './own-rules.js';
import { type Compiled, prepare, readSchematron, validateAll } from './schematron.js';
import { PEPPOL_RULES, type PeppolVersion, UBL_XSD, filesUnder, standardFile } from './standards-folder.js';

export type Format = 'oioubl' | 'peppol';
export type { DocumentKind };

export interface Finding {
  /** Who found it: the XML parser, the UBL XSD, the Peppol rules of a version, or the project's own rules. */
  readonly source: 'xml' | 'xsd' | `peppol ${PeppolVersion}` | 'oioubl' | 'en16931';
  /** The rule's id (F-INV133, BR-CO-16, PEPPOL-EN16931-R003, …), or for the XML and XSD the line. */
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly text: string;
  readonly location?: string;
}

const NS: Record<DocumentKind, string> = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
};

/** The root element, if it is a UBL 2.1 Invoice or CreditNote in its namespace. */
export function kindOf(xml: string): DocumentKind | undefined {
  const root = /<(?:([A-Za-z][\w.-]*):)?(Invoice|CreditNote)\b([^>]*)>/.exec(xml.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->/g, ''));
  if (!root) return undefined;
  const [, prefix, kind, attributes] = root as unknown as [string, string | undefined, DocumentKind, string];
  const declared = new RegExp(`\\sxmlns${prefix ? `:${prefix}` : ''}="([^"]+)"`).exec(attributes);
  return declared?.[1] === NS[kind] ? kind : undefined;
}

// ---- XSD -------------------------------------------------------------------------------------------------

const XSD_ROOT = '/ubl21';
let validators: Partial<Record<DocumentKind, XsdValidator>> | undefined;

/** The UBL 2.1 schema for each document, its imports served from the standards folder's files in memory. */
function xsdValidator(kind: DocumentKind): XsdValidator {
  if (!validators) {
    const files: Record<string, Buffer> = {};
    for (const file of filesUnder().filter((f) => f.startsWith(`${UBL_XSD}/`) && f.endsWith('.xsd'))) {
      files[`${XSD_ROOT}/${file.slice(UBL_XSD.length + 1)}`] = standardFile(file);
    }
    xmlRegisterInputProvider(new XmlBufferInputProvider(files));
    validators = {};
    for (const k of ['Invoice', 'CreditNote'] as const) {
      const url = `${XSD_ROOT}/maindoc/UBL-${k}-2.1.xsd`;
      if (!files[url]) throw new Error(`the standards folder has no ${join(UBL_XSD, 'maindoc', `UBL-${k}-2.1.xsd`)}`);
      // The schema document stays alive as long as its validator.
      validators[k] = XsdValidator.fromDoc(XmlDocument.fromBuffer(files[url]!, { url }));
    }
  }
  return validators[kind]!;
}

/** The XML parser's and the UBL 2.1 XSD's findings on one document. */
export function xsdFindings(xml: string): Finding[] {
  const kind = kindOf(xml);
  if (!kind) return [{ source: 'xml', rule: 'root', severity: 'error', text: 'not a UBL 2.1 Invoice or CreditNote' }];
  let document: XmlDocument;
  try {
    document = XmlDocument.fromBuffer(Buffer.from(xml), { option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE });
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    return error.details.map((d) => ({ source: 'xml', rule: `line ${d.line}`, severity: 'error', text: d.message.trim() }));
  }
  try {
    xsdValidator(kind).validate(document);
    return [];
  } catch (error) {
    if (!(error instanceof XmlValidateError)) throw error;
    return error.details.map((d) => ({ source: 'xsd', rule: `line ${d.line}`, severity: 'error', text: d.message.trim() }));
  } finally {
    document.dispose();
  }
}

// ---- Schematron: the Peppol rules, and the project's own ---------------------------------------------------

const peppolRules: Partial<Record<PeppolVersion, Compiled>> = {};

/** The Peppol rules of a version, read from the standards folder (checked against SHA256SUMS) and compiled. */
export function peppol(version: PeppolVersion): Compiled {
  peppolRules[version] ??= prepare(readSchematron(standardFile(PEPPOL_RULES[version]).toString('utf8')));
  return peppolRules[version]!;
}

const ownRules: Partial<Record<string, Compiled>> = {};

function own(format: Format, kind: DocumentKind): Compiled {
  const key = `${format} ${kind}`;
  ownRules[key] ??= prepare(format === 'oioubl' ? schemaOf('OIOUBL 2.1 (own checks)', OIOUBL_RULES, kind, OIOUBL_LETS) : schemaOf('EN 16931 (own checks)', EN16931_RULES, kind));
  return ownRules[key]!;
}

/** The rules of `own` by id, for their severity. */
const severityOf = (rules: readonly OwnRule[], id: string) => rules.find((r) => Object.values(r.ids).includes(id))?.severity ?? 'error';

/** The Peppol rules' findings on each document (one compiled run for all of them). */
export function peppolFindings(version: PeppolVersion, xmls: readonly string[]): Finding[][] {
  return validateAll(peppol(version), xmls).map((found) =>
    found.map((f) => ({ source: `peppol ${version}`, rule: f.id, severity: f.flag === 'warning' || f.flag === 'information' ? 'warning' : 'error', text: f.text, location: f.location })),
  );
}

/** The project's own rules for the format (OIOUBL 2.1's, or EN 16931's for Peppol) on each document. */
export function ownFindings(format: Format, xmls: readonly string[]): Finding[][] {
  const rules = format === 'oioubl' ? OIOUBL_RULES : EN16931_RULES;
  const source = format === 'oioubl' ? 'oioubl' : 'en16931';
  const results: Finding[][] = xmls.map(() => []);
  // By the root's name alone: a document in another namespace than its own is judged, and told so (F-INV336).
  const rootOf = (xml: string) => /<(?:[A-Za-z][\w.-]*:)?(Invoice|CreditNote)[\s>]/.exec(xml.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->/g, ''))?.[1];
  for (const kind of ['Invoice', 'CreditNote'] as const) {
    const indexes = xmls.flatMap((xml, i) => (rootOf(xml) === kind ? [i] : []));
    const found = validateAll(
      own(format, kind),
      indexes.map((i) => xmls[i]!),
    );
    found.forEach((findings, j) => {
      results[indexes[j]!] = findings.map((f) => ({ source, rule: f.id, severity: severityOf(rules, f.id), text: f.text, location: f.location }));
    });
  }
  xmls.forEach((xml, i) => {
    if (!rootOf(xml)) results[i] = [{ source: 'xml', rule: 'root', severity: 'error', text: 'not an Invoice or a CreditNote' }];
  });
  return results;
}

/** For test messages: the source, rule and text of each finding. */
export function describe(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.source} ${f.rule}: ${f.text}`);
}
