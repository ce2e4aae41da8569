// The judge of flis's e-invoices: the official artifacts of each standard, vendored unmodified under
// test/standards/ (see SOURCES.md), run as their publishers run them. flis's own code has no part in it.
//
// - XSD: the OASIS UBL 2.1 schemas, with libxml2 (libxml2-wasm).
// - OIOUBL 2.1: the schematron stylesheets of NemHandel's release 1.17.2 (XSLT 2.0).
// - Peppol BIS Billing 3.0: CEN's EN 16931 UBL stylesheet (1.3.16) and the Peppol BIS 3.0.21 schematron,
//   compiled to XSLT with the ISO Schematron reference implementation (include, expand, SVRL for XSLT 2).
//
// XSLT runs in SaxonJS; the xslt3 compiler turns each stylesheet into SaxonJS's executable form (SEF) once.
// That takes minutes for OIOUBL's 2 MB stylesheets, so the SEF files are kept in node_modules/.cache, named by
// the SHA-256 of what they were made from; test processes that need one at the same time wait for the first.
// The global setup (global-setup.ts) starts compiling at once, beside the other tests, which run first.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import { ParseOption, XmlBufferInputProvider, XmlDocument, XmlParseError, XmlValidateError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import SaxonJS from 'saxon-js';

const ROOT = resolve(import.meta.dirname, '../..');
export const STANDARDS = join(ROOT, 'test/standards');
const CACHE = join(ROOT, 'node_modules/.cache/flis-standards');
const require = createRequire(import.meta.url);
const XSLT3 = require.resolve('xslt3/xslt3.js');
const XSLT3_VERSION = (JSON.parse(readFileSync(require.resolve('xslt3/package.json'), 'utf8')) as { version: string }).version;

export type Standard = 'oioubl' | 'peppol';
export type DocumentKind = 'Invoice' | 'CreditNote';

export interface Finding {
  readonly source: 'xml' | 'xsd' | 'schematron';
  /** The rule's id (F-INV133, BR-CO-16, …), or for XSD the line. */
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly text: string;
  readonly location?: string;
}

export interface Verdict {
  readonly kind: DocumentKind | undefined;
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
  /** The titles of the schematrons that ran ("Checking OIOUBL-2.1 Invoice, …, Version 1.17.2…"). */
  readonly checkedBy: readonly string[];
}

const NS = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
};

// ---- XSD -------------------------------------------------------------------------------------------------

const XSD_ROOT = '/ubl21';
let validators: Partial<Record<DocumentKind, XsdValidator>> | undefined;

/** The UBL 2.1 schema for each document, its imports served from the vendored files in memory. */
function xsdValidator(kind: DocumentKind): XsdValidator {
  if (!validators) {
    const files: Record<string, Buffer> = {};
    for (const folder of ['common', 'maindoc']) {
      const dir = join(STANDARDS, 'oasis-ubl-2.1/xsd', folder);
      for (const name of readdirSync(dir)) files[`${XSD_ROOT}/${folder}/${name}`] = readFileSync(join(dir, name));
    }
    xmlRegisterInputProvider(new XmlBufferInputProvider(files));
    validators = {};
    for (const k of ['Invoice', 'CreditNote'] as const) {
      const url = `${XSD_ROOT}/maindoc/UBL-${k}-2.1.xsd`;
      // The schema document stays alive as long as its validator.
      validators[k] = XsdValidator.fromDoc(XmlDocument.fromBuffer(files[url]!, { url }));
    }
  }
  return validators[kind]!;
}

function xsdFindings(kind: DocumentKind, xml: Buffer): Finding[] {
  let document: XmlDocument;
  try {
    document = XmlDocument.fromBuffer(xml, { option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE });
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

// ---- Compiling stylesheets (once) ----------------------------------------------------------------------------

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Whether the process that wrote a lock file is still running (the lock holds its pid). */
function lockHeld(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(lock).mtimeMs < 60_000; // being written
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `make(temporary)` to produce `target` unless it exists. One process makes it (holding `target.lock` with
 * its pid); the others wait for it, and take over if it dies or gives up.
 */
async function once(target: string, make: (temporary: string) => Promise<void>): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const lock = `${target}.lock`;
  for (;;) {
    if (existsSync(target)) return target;
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      if (!lockHeld(lock)) rmSync(lock, { force: true });
      else await new Promise((done) => setTimeout(done, 500));
      continue;
    }
    writeSync(fd, String(process.pid));
    closeSync(fd);
    const temporary = `${target}.${process.pid}.tmp`;
    try {
      if (existsSync(target)) return target;
      await make(temporary);
      renameSync(temporary, target);
      return target;
    } finally {
      rmSync(temporary, { force: true });
      rmSync(lock, { force: true });
    }
  }
}

/** Compiling is stopped by aborting this (the global setup does, when a run ends before its tests need it). */
const compiling = new AbortController();
export function stopCompiling(): void {
  compiling.abort();
}

/**
 * Runs the xslt3 compiler. A larger young generation makes its many short-lived objects cheaper (about 17 %
 * faster here); a lower priority leaves the CPU to the tests running meanwhile, which must not slow down.
 */
function xslt3(args: readonly string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      ['--max-old-space-size=4096', '--max-semi-space-size=128', XSLT3, ...args],
      { maxBuffer: 64 * 1024 * 1024, signal: compiling.signal },
      (error, _stdout, stderr) => (error ? fail(Object.assign(error, { message: `${error.message}\n${stderr}` })) : done()),
    );
    try {
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // not allowed here: it runs at the normal priority
    }
  });
}

/** The SEF of a stylesheet file, compiled by xslt3. */
function sefOf(stylesheet: string): Promise<string> {
  const name = `${stylesheet.split('/').pop()}.${sha256(readFileSync(stylesheet)).slice(0, 16)}.xslt3-${XSLT3_VERSION}.sef.json`;
  return once(join(CACHE, name), async (temporary) => {
    await xslt3([`-xsl:${stylesheet}`, `-export:${temporary}`, '-nogo']);
  });
}

const ISO = (name: string) => join(STANDARDS, 'iso-schematron', name);

/** A schematron schema compiled to XSLT with the ISO reference implementation: include, expand, SVRL for XSLT 2. */
function schematronToXslt(schema: string): Promise<string> {
  const inputs = [schema, ISO('iso_dsdl_include.xsl'), ISO('iso_abstract_expand.xsl'), ISO('iso_svrl_for_xslt2.xsl'), ISO('iso_schematron_skeleton_for_saxon.xsl')];
  const key = sha256(inputs.map((f) => sha256(readFileSync(f))).join()).slice(0, 16);
  return once(join(CACHE, `${schema.split('/').pop()}.${key}.xslt`), async (temporary) => {
    const included = `${temporary}.1.sch`;
    const expanded = `${temporary}.2.sch`;
    try {
      await xslt3([`-xsl:${ISO('iso_dsdl_include.xsl')}`, `-s:${schema}`, `-o:${included}`]);
      await xslt3([`-xsl:${ISO('iso_abstract_expand.xsl')}`, `-s:${included}`, `-o:${expanded}`]);
      await xslt3([`-xsl:${ISO('iso_svrl_for_xslt2.xsl')}`, `-s:${expanded}`, `-o:${temporary}`]);
    } finally {
      rmSync(included, { force: true });
      rmSync(expanded, { force: true });
    }
  });
}

interface Rules {
  readonly output: 'oioubl' | 'svrl';
  readonly sef: string;
}

const OIOUBL_STYLESHEETS: Record<DocumentKind, string> = {
  Invoice: join(STANDARDS, 'oioubl-schematron-1.17.2/OIOUBL_Invoice_Schematron.xsl'),
  CreditNote: join(STANDARDS, 'oioubl-schematron-1.17.2/OIOUBL_CreditNote_Schematron.xsl'),
};

let prepared: Partial<Record<Standard, Promise<Record<DocumentKind, Rules[]>>>> = {};

/** Compiles (or finds compiled) every stylesheet a standard needs. Slow the first time: minutes for OIOUBL. */
export function prepare(standard: Standard): Promise<Record<DocumentKind, Rules[]>> {
  prepared[standard] ??= (async () => {
    if (standard === 'oioubl') {
      const [invoice, creditNote] = await Promise.all([sefOf(OIOUBL_STYLESHEETS.Invoice), sefOf(OIOUBL_STYLESHEETS.CreditNote)]);
      return { Invoice: [{ output: 'oioubl', sef: invoice }], CreditNote: [{ output: 'oioubl', sef: creditNote }] };
    }
    const [cen, peppol] = await Promise.all([
      sefOf(join(STANDARDS, 'cen-en16931-ubl-1.3.16/EN16931-UBL-validation.xslt')),
      schematronToXslt(join(STANDARDS, 'peppol-bis-billing-3.0.21/PEPPOL-EN16931-UBL.sch')).then(sefOf),
    ]);
    const rules: Rules[] = [
      { output: 'svrl', sef: cen },
      { output: 'svrl', sef: peppol },
    ];
    return { Invoice: rules, CreditNote: rules };
  })();
  return prepared[standard]!;
}

// ---- Running them ------------------------------------------------------------------------------------------

const stylesheets = new Map<string, unknown>();

function stylesheet(sef: string): unknown {
  if (!stylesheets.has(sef)) stylesheets.set(sef, JSON.parse(readFileSync(sef, 'utf8')));
  return stylesheets.get(sef);
}

interface Raw {
  readonly id: string;
  readonly flag: string;
  readonly text: string;
  readonly location: string;
}

function evaluate<T>(xpath: string, node: unknown): T {
  return JSON.parse(
    SaxonJS.XPath.evaluate(`serialize(${xpath}, map{'method':'json'})`, node, { namespaceContext: { svrl: 'http://purl.oclc.org/dsdl/svrl' } }) as string,
  ) as T;
}

/** OIOUBL's own report: <Schematron><Information>title</Information><Error><Description>[F-INV133] …</Description>… */
function oioublFindings(report: unknown): { title: string; findings: Finding[] } {
  const { title, items } = evaluate<{ title: string; items: Raw[] }>(
    `map{'title': string((//Information)[1]), 'items': array{ for $e in //Error return map{'id': '', 'flag': '', 'text': normalize-space($e/Description), 'location': string($e/Xpath)} }}`,
    report,
  );
  const findings = items.map((item): Finding => {
    const id = /^\[([^\]]+)\]/.exec(item.text)?.[1] ?? 'unnamed';
    // OIOUBL marks warnings only by their id: W-… (W-INV, W-LIB); every other rule is an error.
    return { source: 'schematron', rule: id, severity: id.startsWith('W-') ? 'warning' : 'error', text: item.text, location: item.location };
  });
  return { title, findings };
}

/** SVRL: failed assertions and successful reports, each with its flag (fatal or warning). */
function svrlFindings(report: unknown): { title: string; findings: Finding[] } {
  const { title, items } = evaluate<{ title: string; items: Raw[] }>(
    `map{'title': string((//svrl:schematron-output/@title)[1]), 'items': array{ for $e in //(svrl:failed-assert | svrl:successful-report) return map{'id': string($e/@id), 'flag': string($e/@flag), 'text': normalize-space($e/svrl:text), 'location': string($e/@location)} }}`,
    report,
  );
  const findings = items.map(
    (item): Finding => ({ source: 'schematron', rule: item.id, severity: item.flag === 'warning' || item.flag === 'information' ? 'warning' : 'error', text: item.text, location: item.location }),
  );
  return { title, findings };
}

/** The root element, if it is a UBL 2.1 Invoice or CreditNote in its namespace. */
function kindOf(xml: string): DocumentKind | undefined {
  const root = /<(?:([A-Za-z][\w.-]*):)?(Invoice|CreditNote)\b([^>]*)>/.exec(xml.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->/g, ''));
  if (!root) return undefined;
  const [, prefix, kind, attributes] = root as unknown as [string, string | undefined, DocumentKind, string];
  const declared = new RegExp(`\\sxmlns${prefix ? `:${prefix}` : ''}="([^"]+)"`).exec(attributes);
  return declared?.[1] === NS[kind] ? kind : undefined;
}

/** Every finding of the XSD and the standard's schematrons on one document. */
export async function validate(standard: Standard, xml: string | Buffer): Promise<Verdict> {
  const text = typeof xml === 'string' ? xml : xml.toString('utf8');
  const kind = kindOf(text);
  if (!kind) return { kind, errors: [{ source: 'xml', rule: 'root', severity: 'error', text: 'not a UBL 2.1 Invoice or CreditNote' }], warnings: [], checkedBy: [] };
  const findings: Finding[] = [...xsdFindings(kind, Buffer.from(text))];
  const checkedBy: string[] = [];
  if (!findings.some((f) => f.source === 'xml')) {
    const rules = (await prepare(standard))[kind];
    const source = await SaxonJS.getResource({ text, type: 'xml' });
    for (const r of rules) {
      const result = SaxonJS.transform({ stylesheetInternal: stylesheet(r.sef), sourceNode: source, destination: 'document' }, 'sync') as { principalResult: unknown };
      const { title, findings: found } = r.output === 'oioubl' ? oioublFindings(result.principalResult) : svrlFindings(result.principalResult);
      checkedBy.push(title);
      findings.push(...found);
    }
  }
  return { kind, errors: findings.filter((f) => f.severity === 'error'), warnings: findings.filter((f) => f.severity === 'warning'), checkedBy };
}

/** For test messages: the rule and the text of each finding. */
export function describe(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.source} ${f.rule}: ${f.text}`);
}
