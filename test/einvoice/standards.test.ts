// Every e-invoice flis writes, held to the official rules of its format (validator.ts: the OASIS UBL 2.1 XSDs,
// the OIOUBL 2.1 schematron, CEN's EN 16931 and the Peppol BIS 3.0 schematrons, vendored unmodified). The runs
// are real: H1 2024 on the shipped data exactly as the README runs it (98 invoices), a correction, H2 and DEC,
// with late availability, a pilot and an exit among them; the EANs and references are the shipped roster's.
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

// 2024 with every kind of document. H1 is issued on the shipped data as it stands: the README's command,
// 98 invoices. Then the roster changes: København was only available from 15 March and Frederiksberg from
// 1 October (DEC), Odense was a pilot from 1 January, Aalborg left on 16 May. The correction of H1 credits
// København and Frederiksberg and credits and replaces Odense and Aalborg; H2 and DEC follow the new roster.
const CHANGED = rosterWith({
  '101': line('101', '2024-03-15'),
  '147': line('147', '2024-10-01'),
  '461': line('461', '2024-01-01', '2024-01-01'),
  '851': line('851', '2024-01-01', '', '2024-05-16'),
});

async function issueYear(format: Standard): Promise<string> {
  const out = temporaryFolder();
  const run = async (period: string, issueDate: string, extra: readonly string[] = []) => {
    const r = await flis(['invoice', '--period', period, '--year', '2024', '--out', out, '--einvoice', format, '--issue-date', issueDate, '--quiet', ...extra]);
    expect(r.code, r.stderr).toBe(0);
  };
  await run('H1', '2024-02-12');
  await run('H1', '2024-06-03', ['--roster', CHANGED, '--supersede']);
  await run('H2', '2024-09-10', ['--roster', CHANGED]);
  await run('DEC', '2024-12-16', ['--roster', CHANGED]);
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
    // H1: all 98 (the shipped roster). H2: 96 (København from 15 March joins; Frederiksberg, available in
    // October, is in DEC; Aalborg, gone on 16 May, has nothing to pay). The correction: four credit notes, two
    // replacements.
    expect(names.filter((n) => n.includes('-H1-') && !/-[KR]\d/.test(n))).toHaveLength(98);
    expect(names.filter((n) => n.includes('-H2-'))).toHaveLength(96);
    expect(names).toContain('FLIS-2024-H2-101.xml');
    expect(names).not.toContain('FLIS-2024-H2-851.xml');
    expect(names.filter((n) => n.includes('-DEC-'))).toEqual(['FLIS-2024-DEC-147.xml']);
    expect(names.filter((n) => /-[KR]\d/.test(n))).toEqual([
      'FLIS-2024-H1-101-K1.xml',
      'FLIS-2024-H1-147-K1.xml',
      'FLIS-2024-H1-461-K1.xml',
      'FLIS-2024-H1-461-R1.xml',
      'FLIS-2024-H1-851-K1.xml',
      'FLIS-2024-H1-851-R1.xml',
    ]);

    const verdicts = [];
    for (const { name, xml } of documents) {
      const verdict = await validate(format, xml);
      verdicts.push({ name, kind: verdict.kind, findings: findings([...verdict.errors, ...verdict.warnings]) });
    }
    expect(verdicts.filter((v) => v.findings.length > 0)).toEqual([]);
    expect(verdicts.filter((v) => v.kind === 'CreditNote').map((v) => v.name)).toEqual(['FLIS-2024-H1-101-K1.xml', 'FLIS-2024-H1-147-K1.xml', 'FLIS-2024-H1-461-K1.xml', 'FLIS-2024-H1-851-K1.xml']);
  }, 600_000);

  it('a credit note refers to the invoice it credits, with that invoice\'s issue date', () => {
    const credit = readFileSync(join(folder, 'einvoices/FLIS-2024-H1-461-K1.xml'), 'utf8');
    expect(credit).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H1-461<\/cbc:ID>\s*<cbc:IssueDate>2024-02-12<\/cbc:IssueDate>/);
    expect(credit).toMatch(/<cbc:IssueDate>2024-06-03<\/cbc:IssueDate>/);
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
