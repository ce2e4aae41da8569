// Every e-invoice flis writes, held to the official rules of its format (validator.ts: the OASIS UBL 2.1 XSDs,
// the OIOUBL 2.1 schematron, CEN's EN 16931 and the Peppol BIS 3.0 schematrons, vendored unmodified). The runs
// are real: H1, H2 and DEC 2024 and a correction, on the shipped population and the shipped roster with its
// (illustrative) EANs and references, with late availability, a pilot and an exit among them.
//
// The first run compiles the official stylesheets for SaxonJS, which takes minutes; later runs reuse them.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from '../e2e/flis.js';
import { type Standard, STANDARDS, describe as findings, prepare, validate } from './validator.js';

const SHIPPED_ROSTER = readFileSync(join(ROOT, 'fixtures/roster/all-98-illustrative-ean-reference.csv'), 'utf8').trim().split('\n');

/** The shipped roster with some lines replaced: `changes` maps a code to its new roster line. */
function rosterWith(changes: Record<string, string>): string {
  const path = join(temporaryFolder(), 'roster.csv');
  const lines = SHIPPED_ROSTER.map((line) => {
    const code = line.split(';')[0]!;
    return changes[code] ?? line;
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const line = (code: string, availableFrom: string, pilot = '', exit = '') => `${code};${availableFrom};${pilot};${exit};2000000${code}00${checkDigitOf(`2000000${code}00`)};Økonomi FLIS ${code};`;

function checkDigitOf(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

// 2024 with every kind of document: København late (H2 from 15 March), Frederiksberg in the autumn (DEC),
// Odense a pilot from 1 January, Aalborg leaving on 16 May.
const YEAR = rosterWith({
  '101': line('101', '2024-03-15'),
  '147': line('147', '2024-10-01'),
  '461': line('461', '2024-01-01', '2024-01-01'),
  '851': line('851', '2024-01-01', '', '2024-05-16'),
});
// The correction: Odense was no pilot after all; Ballerup became available only in August (no H1 at all).
const CORRECTED = rosterWith({
  '101': line('101', '2024-03-15'),
  '147': line('147', '2024-10-01'),
  '461': line('461', '2024-01-01'),
  '851': line('851', '2024-01-01', '', '2024-05-16'),
  '151': line('151', '2024-08-01'),
});

async function issueYear(format: Standard): Promise<string> {
  const out = temporaryFolder();
  const common = ['--year', '2024', '--out', out, '--einvoice', format, '--roster', YEAR, '--quiet'];
  for (const period of ['H1', 'H2', 'DEC']) {
    const r = await flis(['invoice', '--period', period, ...common, '--issue-date', period === 'H1' ? '2024-02-12' : period === 'H2' ? '2024-09-10' : '2024-12-16']);
    expect(r.code, r.stderr).toBe(0);
  }
  const r = await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, '--einvoice', format, '--roster', CORRECTED, '--supersede', '--issue-date', '2024-10-07', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

const xmlIn = (folder: string) =>
  readdirSync(join(folder, 'einvoices'))
    .sort()
    .map((name) => ({ name, xml: readFileSync(join(folder, 'einvoices', name), 'utf8') }));

// Peppol first: its stylesheets are ready first (global-setup.ts).
describe.each(['peppol', 'oioubl'] as const)('%s: every document flis issues passes the official rules', (format) => {
  let folder: string;
  beforeAll(async () => {
    [folder] = await Promise.all([issueYear(format), prepare(format)]);
  }, 900_000);

  it('the official examples pass: the judge says yes to good documents', async () => {
    const examples =
      format === 'oioubl'
        ? ['oioubl-schematron-1.17.2/examples/OIOUBL_Invoice_v2p2.xml', 'oioubl-schematron-1.17.2/examples/OIOUBL_CreditNote_v2p2.xml']
        : ['peppol-bis-billing-3.0.21/examples/base-example.xml', 'peppol-bis-billing-3.0.21/examples/base-creditnote-correction.xml'];
    for (const example of examples) {
      const verdict = await validate(format, readFileSync(join(STANDARDS, example)));
      expect(findings([...verdict.errors, ...verdict.warnings]), example).toEqual([]);
      expect(verdict.checkedBy.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('H1, H2, DEC and a correction: every invoice, credit note and replacement passes XSD and schematron, no error, no warning', async () => {
    const documents = xmlIn(folder);
    const names = documents.map((d) => d.name);
    // H1: 96 (not København nor Frederiksberg, available later). H2: 96 (København from 15 March joins;
    // Aalborg, gone on 16 May, has nothing to pay). DEC: Frederiksberg. The correction: Odense credited and
    // replaced, Ballerup (now available only from August) credited.
    expect(names.filter((n) => n.includes('-H1-') && !/-[KR]\d/.test(n))).toHaveLength(96);
    expect(names.filter((n) => n.includes('-H2-'))).toHaveLength(96);
    expect(names).toContain('FLIS-2024-H2-101.xml');
    expect(names).not.toContain('FLIS-2024-H2-851.xml');
    expect(names.filter((n) => n.includes('-DEC-'))).toEqual(['FLIS-2024-DEC-147.xml']);
    expect(names.filter((n) => /-[KR]\d/.test(n))).toEqual(['FLIS-2024-H1-151-K1.xml', 'FLIS-2024-H1-461-K1.xml', 'FLIS-2024-H1-461-R1.xml']);

    const verdicts = [];
    for (const { name, xml } of documents) {
      const verdict = await validate(format, xml);
      verdicts.push({ name, kind: verdict.kind, findings: findings([...verdict.errors, ...verdict.warnings]) });
    }
    expect(verdicts.filter((v) => v.findings.length > 0)).toEqual([]);
    expect(verdicts.filter((v) => v.kind === 'CreditNote').map((v) => v.name)).toEqual(['FLIS-2024-H1-151-K1.xml', 'FLIS-2024-H1-461-K1.xml']);
  }, 600_000);

  it('a credit note refers to the invoice it credits, with that invoice\'s issue date', () => {
    const credit = readFileSync(join(folder, 'einvoices/FLIS-2024-H1-461-K1.xml'), 'utf8');
    expect(credit).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H1-461<\/cbc:ID>\s*<cbc:IssueDate>2024-02-12<\/cbc:IssueDate>/);
    expect(credit).toMatch(/<cbc:IssueDate>2024-10-07<\/cbc:IssueDate>/);
  });

  describe('planted faults are caught, so a pass means something', () => {
    const invoice = () => readFileSync(join(folder, 'einvoices/FLIS-2024-H1-461.xml'), 'utf8');
    const errorsOf = async (xml: string) => (await validate(format, xml)).errors.map((e) => e.rule);

    it('a payable amount that is not the invoice total', async () => {
      const wrong = invoice().replace(/(<cbc:PayableAmount currencyID="DKK">)([\d.]+)/, (_, tag: string, amount: string) => `${tag}${(Number(amount) + 0.01).toFixed(2)}`);
      expect(wrong).not.toBe(invoice());
      expect(await errorsOf(wrong)).toEqual(expect.arrayContaining(format === 'oioubl' ? ['F-INV133'] : ['BR-CO-16']));
    });

    it('a buyer without its endpoint (EAN)', async () => {
      const customer = /<cac:AccountingCustomerParty>[\s\S]*?<\/cac:AccountingCustomerParty>/.exec(invoice())![0];
      const wrong = invoice().replace(customer, customer.replace(/\s*<cbc:EndpointID[^>]*>[^<]*<\/cbc:EndpointID>/, ''));
      expect(wrong).not.toBe(invoice());
      expect(await errorsOf(wrong)).toEqual(expect.arrayContaining(format === 'oioubl' ? ['F-INV044'] : ['PEPPOL-EN16931-R010']));
    });

    it('VAT that does not add up', async () => {
      const wrong = invoice().replace(/(<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="DKK">)([\d.]+)/, (_, tag: string, amount: string) => `${tag}${(Number(amount) + 1).toFixed(2)}`);
      expect(wrong).not.toBe(invoice());
      expect((await errorsOf(wrong)).length).toBeGreaterThan(0);
    });

    it('an element out of the schema\'s order (XSD)', async () => {
      const wrong = invoice().replace(/(\s*<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)([\s\S]*?)(<cbc:DocumentCurrencyCode>[^<]*<\/cbc:DocumentCurrencyCode>)/, '$2$3$1');
      expect(wrong).not.toBe(invoice());
      const verdict = await validate(format, wrong);
      expect(verdict.errors.some((e) => e.source === 'xsd')).toBe(true);
    });

    it('the other format\'s document', async () => {
      const other = readFileSync(join(STANDARDS, format === 'oioubl' ? 'peppol-bis-billing-3.0.21/examples/base-example.xml' : 'oioubl-schematron-1.17.2/examples/OIOUBL_Invoice_v2p2.xml'));
      expect((await validate(format, other)).errors.length).toBeGreaterThan(0);
    });
  });
});
