// Rules the project checks with code of its own, where the official rules are not published as schemas the
// tests can read: OIOUBL 2.1's business rules (published only as XSLT stylesheets, oioubl-rules.ts) and the
// EN 16931 rules on totals and VAT that flis's Peppol documents rest on (CEN's schematron is not in the
// standards folder; en16931-rules.ts). Each rule is named by the id of the official rule it mirrors, says in
// our words what it requires, and carries a fault that breaks it: the tests plant that fault in a document
// flis wrote and see the rule report it.
//
// A rule is an XPath 3.1 test on the nodes of a context, run by the project's schematron engine.

import { type Check, type Pattern, type Schema, literal } from './schematron.js';

export type DocumentKind = 'Invoice' | 'CreditNote';

export const NAMESPACES = {
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  inv: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cn: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
} as const;

/** A change to a document's XML text that plants a fault. It throws if the document has nothing to change. */
export type Edit = (xml: string) => string;

/** The document flis wrote that a fault is planted in. */
export type Sample = 'invoice' | 'credit note' | 'replacement' | 'invoice paid to two accounts';

export interface OwnRule {
  /** The official rule's id for each kind of document it applies to (OIOUBL numbers Invoice and CreditNote apart). */
  readonly ids: Readonly<Partial<Record<DocumentKind, string>>>;
  /** The nodes the rule is about (XPath). */
  readonly context: string;
  /** What must hold on each of them (XPath). */
  readonly test: string;
  /** What the rule requires, in our words. */
  readonly says: string;
  readonly severity: 'error' | 'warning';
  readonly fault: Edit;
  /** The documents the fault is planted in; by default the invoice and/or credit note, as the rule applies. */
  readonly samples: readonly Sample[];
}

interface RuleSpec {
  /** One id for both kinds, or [Invoice id, CreditNote id]; null for a kind the rule does not apply to. */
  readonly id: string | readonly [string | null, string | null];
  readonly context: string;
  readonly test: string;
  readonly says: string;
  readonly fault: Edit;
  readonly samples?: readonly Sample[];
}

export function rule(spec: RuleSpec): OwnRule {
  const [invoice, creditNote] = typeof spec.id === 'string' ? [spec.id, spec.id] : spec.id;
  const ids: Partial<Record<DocumentKind, string>> = {};
  if (invoice) ids.Invoice = invoice;
  if (creditNote) ids.CreditNote = creditNote;
  const samples = spec.samples ?? [...(invoice ? (['invoice'] as const) : []), ...(creditNote ? (['credit note'] as const) : [])];
  const severity = (invoice ?? creditNote)!.startsWith('W-') ? 'warning' : 'error';
  return { ids, context: spec.context, test: spec.test, says: spec.says, severity, fault: spec.fault, samples };
}

/** The kind of document a sample is. */
export const kindOfSample = (sample: Sample): DocumentKind => (sample === 'credit note' ? 'CreditNote' : 'Invoice');

/** The rules that apply to one kind of document, as a schema for the engine: one pattern per rule. */
export function schemaOf(title: string, rules: readonly OwnRule[], kind: DocumentKind, lets: Schema['lets'] = []): Schema {
  const patterns: Pattern[] = rules
    .filter((r) => r.ids[kind])
    .map((r) => {
      const check: Check = { kind: 'assert', id: r.ids[kind]!, flag: r.severity, test: r.test, message: literal(r.says) };
      return { id: r.ids[kind]!, lets: [], rules: [{ context: r.context, lets: [], checks: [check] }] };
    });
  return { title, namespaces: NAMESPACES, lets, functions: [], patterns };
}

// ---- Amounts in rules ----------------------------------------------------------------------------------------

/**
 * The values at a path as decimals, exact. A value that is no number becomes NaN, so that a comparison with it
 * fails and the rule reports, rather than stopping the run of all the rules with a type error.
 */
export const decimals = (path: string) => `(for $Q{urn:flis:test:rules}v in (${path}) return if ($Q{urn:flis:test:rules}v castable as xs:decimal) then xs:decimal($Q{urn:flis:test:rules}v) else xs:double('NaN'))`;

/** The (first) value at a path as a decimal; none if there is none. */
export const amount = (path: string) => `${decimals(path)}[1]`;

/** The sum of the values at a path (0 for none). */
export const sumOf = (path: string) => `sum(${decimals(path)})`;

// ---- Planting faults ---------------------------------------------------------------------------------------

function planted(xml: string, changed: string, what: string): string {
  if (changed === xml) throw new Error(`the fault cannot be planted: ${what} is not in the document`);
  return changed;
}

/** Replaces the first match (`to` as String.replace takes it). */
export const swap =
  (from: string | RegExp, to: string | ((match: string, ...groups: string[]) => string)): Edit =>
  (xml) =>
    planted(xml, xml.replace(from, to as string), String(from));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const element = (tag: string) => new RegExp(`[ \\t]*<${escape(tag)}(?:\\s[^>]*)?>[\\s\\S]*?</${escape(tag)}>\\n?`);

/** Removes the first element of that name (with what is in it). */
export const drop = (tag: string): Edit => swap(element(tag), '');

/** The first element of that name again, right after it. */
export const repeat =
  (tag: string): Edit =>
  (xml) => {
    const found = element(tag).exec(xml);
    if (!found) throw new Error(`the fault cannot be planted: no <${tag}> in the document`);
    return xml.slice(0, found.index) + found[0] + found[0] + xml.slice(found.index + found[0].length);
  };

/** Text put right after the start tag of the first element of that name. */
export const prepend = (tag: string, text: string): Edit => swap(new RegExp(`(<${escape(tag)}(?:\\s[^>]*)?>)`), `$1${text}`);

/** Text put right before the end tag of the first element of that name. */
export const append = (tag: string, text: string): Edit => swap(`</${tag}>`, `${text}</${tag}>`);

/** An attribute of the first element of that name set to a value. */
export const attribute = (tag: string, name: string, value: string): Edit =>
  swap(new RegExp(`(<${escape(tag)}\\s[^>]*?${escape(name)}=")[^"]*(")`), `$1${value}$2`);

/** The text of the first element of that name replaced. */
export const text = (tag: string, value: string): Edit => swap(new RegExp(`(<${escape(tag)}(?:\\s[^>]*)?>)[^<]*(</${escape(tag)}>)`), `$1${value}$2`);

/** An edit made inside the first element of that name (that contains `containing`, if given). */
export const inside =
  (tag: string, edit: Edit, containing?: string): Edit =>
  (xml) => {
    const pattern = new RegExp(element(tag).source.replace(/^\[ \\t\]\*/, ''), 'g');
    for (const found of xml.matchAll(pattern)) {
      if (containing !== undefined && !found[0].includes(containing)) continue;
      return xml.slice(0, found.index) + edit(found[0]) + xml.slice(found.index + found[0].length);
    }
    throw new Error(`the fault cannot be planted: no <${tag}>${containing ? ` with ${containing}` : ''} in the document`);
  };

/** The øre of the first amount of that name changed (to 99, or from 99 to 00): a figure off by less than a krone. */
export const offByØre = (tag: string): Edit =>
  swap(new RegExp(`(<${escape(tag)}(?:\\s[^>]*)?>-?[0-9]+\\.)([0-9]{2})`), (_match, head, øre) => `${head}${øre === '99' ? '00' : '99'}`);

/** Several edits, one after the other. */
export const all =
  (...edits: Edit[]): Edit =>
  (xml) =>
    edits.reduce((x, edit) => edit(x), xml);
