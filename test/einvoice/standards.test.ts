// Every e-invoice flis writes in a realistic year (year.ts: H1, a correction, H2 and DEC 2024, and a seller paid
// to two accounts), held to the official schemas of its format, as published, from the standards folder beside
// the repository (standards-folder.ts): the OASIS UBL 2.1 XSDs for both formats, and for Peppol the Peppol
// BIS Billing 3.0 rules of 3.0.21 and 3.0.19, run by the project's schematron engine (schematron.ts). The
// project's own checks of OIOUBL's and EN 16931's rules run on the same documents here too (own-rules.test.ts
// holds each of them to a planted fault).
//
// Without the standards folder, the tests that need it are skipped and say so.

import { beforeAll, describe, expect, it } from 'vitest';
import { all, append, attribute, drop, inside, offByØre, swap, text } from './own-rules.js';
import { PEPPOL_RULES, type PeppolVersion, SKIPPED, standardFile, standardsPresent } from './standards-folder.js';
import { type Finding, type Format, describe as findings, kindOf, ownFindings, peppol, peppolFindings, xsdFindings } from './validator.js';
import { type Issued, issueTwoAccounts, issueVersions, issueYear } from './year.js';

const VERSIONS = Object.keys(PEPPOL_RULES) as PeppolVersion[];

/** A test that needs the standards folder: skipped without it, with the reason in its title. */
const withStandards = (title: string, test: () => void | Promise<void>, timeout?: number) =>
  standardsPresent ? it(title, test, timeout) : it.skip(`${title} — ${SKIPPED}`, test);

describe.each(['peppol', 'oioubl'] as const)('%s: every document flis issues passes the rules of its format', (format: Format) => {
  let documents: Issued[];
  const xml = (name: string) => documents.find((d) => d.name === name)!.xml;

  beforeAll(async () => {
    const [year, twoAccounts, versions] = await Promise.all([issueYear(format), issueTwoAccounts(format), issueVersions(format)]);
    documents = [...year, ...twoAccounts.map((d) => ({ ...d, name: `two accounts/${d.name}` })), ...versions.map((d) => ({ ...d, name: `versions/${d.name}` }))];
  }, 300_000);

  it('H1, H2, DEC and a correction: the documents the year makes', () => {
    const names = documents.map((d) => d.name);
    const series = (run: string, n: number, from = 1) => Array.from({ length: n }, (_, i) => `FLIS-2024-${run}-${String(from + i).padStart(4, '0')}.xml`);
    // H1: all 98 (the shipped roster), 0001–0098 in code order; the correction's replacements of Odense and
    // Aalborg take the next numbers, 0099 and 0100; its four credit notes (København, Frederiksberg, Odense,
    // Aalborg) K0001–K0004. H2: 96 (København from 15 March joins; Frederiksberg, available in October, is in
    // DEC; Aalborg, gone on 16 May, has nothing to pay).
    expect(names.filter((n) => /^FLIS-2024-H1-\d+\.xml$/.test(n))).toEqual(series('H1', 100));
    expect(names.filter((n) => /^FLIS-2024-H1-K\d+\.xml$/.test(n))).toEqual(['FLIS-2024-H1-K0001.xml', 'FLIS-2024-H1-K0002.xml', 'FLIS-2024-H1-K0003.xml', 'FLIS-2024-H1-K0004.xml']);
    expect(names.filter((n) => n.startsWith('FLIS-2024-H2-'))).toEqual(series('H2', 96));
    expect(names.filter((n) => n.startsWith('FLIS-2024-DEC-'))).toEqual(['FLIS-2024-DEC-0001.xml']);
    expect(xml('FLIS-2024-DEC-0001.xml')).toContain('<cbc:Name>Frederiksberg Kommune</cbc:Name>');
    expect(names.filter((n) => n.startsWith('two accounts/'))).toEqual(['two accounts/FLIS-2024-H1-0001.xml', 'two accounts/FLIS-2024-H1-0002.xml']);
    expect(names.filter((n) => n.startsWith('versions/'))).toEqual(
      ['0001', '0002', '0003', '0004', 'K0001', 'K0002'].map((n) => `versions/FLIS-2024-H1-${n}.xml`),
    );
    expect(documents.filter((d) => kindOf(d.xml) === 'CreditNote' && !d.name.startsWith('versions/')).map((d) => d.name)).toEqual(['FLIS-2024-H1-K0001.xml', 'FLIS-2024-H1-K0002.xml', 'FLIS-2024-H1-K0003.xml', 'FLIS-2024-H1-K0004.xml']);
  });

  it("every document names the buyer by its legal name, with its CVR number and postal address", () => {
    for (const d of documents) {
      const buyer = /<cac:AccountingCustomerParty>([\s\S]*?)<\/cac:AccountingCustomerParty>/.exec(d.xml)![1]!;
      expect(buyer, d.name).toMatch(/<cbc:RegistrationName>(\S+ Kommune|Københavns Kommune|Bornholms Regionskommune)<\/cbc:RegistrationName>/);
      expect(buyer, d.name).toMatch(/<cbc:CompanyID schemeID="(DK:CVR|0184)">(DK)?\d{8}<\/cbc:CompanyID>/);
      expect(buyer, d.name).toMatch(/<cbc:StreetName>[^<]+<\/cbc:StreetName>[\s\S]*<cbc:CityName>[^<]+<\/cbc:CityName>\s*<cbc:PostalZone>\d{4}<\/cbc:PostalZone>/);
    }
    expect(xml('FLIS-2024-H1-0052.xml')).toMatch(/<cbc:AccountingCost>1234-5678-90<\/cbc:AccountingCost>/);
  });

  it('an exit: the period billed ends the day before it; a late start: it begins on the day FLIS was made available', () => {
    // Aalborg's replacement (0100) bills 1 January – 15 May, not the window to 30 June; København's H2 (0001)
    // begins on 1 July, its H1 having no day; Frederiksberg's DEC on 1 October.
    expect(xml('FLIS-2024-H1-0100.xml')).toMatch(/<cac:InvoicePeriod>\s*<cbc:StartDate>2024-01-01<\/cbc:StartDate>\s*<cbc:EndDate>2024-05-15<\/cbc:EndDate>/);
    expect(xml('FLIS-2024-DEC-0001.xml')).toMatch(/<cac:InvoicePeriod>\s*<cbc:StartDate>2024-10-01<\/cbc:StartDate>\s*<cbc:EndDate>2024-12-31<\/cbc:EndDate>/);
  });

  it('a window that spans changes of the tariff: a line per price, VAT per rate, the lines adding up to the totals', () => {
    for (const name of ['versions/FLIS-2024-H1-0001.xml', 'versions/FLIS-2024-H1-K0001.xml', 'versions/FLIS-2024-H1-0003.xml']) {
      const document = xml(name);
      const lines = [...document.matchAll(/<cac:(?:Invoice|CreditNote)Line>[\s\S]*?<\/cac:(?:Invoice|CreditNote)Line>/g)].map((m) => m[0]);
      expect(lines, name).toHaveLength(3);
      const amount = (text: string) => Number(/<cbc:LineExtensionAmount currencyID="DKK">([\d.]+)</.exec(text)![1]);
      const total = Number(/<cac:LegalMonetaryTotal>\s*<cbc:LineExtensionAmount currencyID="DKK">([\d.]+)</.exec(document)![1]);
      expect(Math.round(lines.reduce((s, l) => s + amount(l), 0) * 100), name).toBe(Math.round(total * 100));
      const taxTotal = /<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="DKK">[\d.]+<\/cbc:TaxAmount>([\s\S]*?)<\/cac:TaxTotal>/.exec(document.slice(0, document.indexOf('<cac:LegalMonetaryTotal>')))![1]!;
      expect([...taxTotal.matchAll(/<cbc:Percent>([\d.]+)<\/cbc:Percent>/g)].map((m) => m[1]), name).toEqual(format === 'peppol' ? ['25', '20'] : ['25']);
    }
    expect(xml('versions/FLIS-2024-H1-0001.xml')).toMatch(/à 7,96 kr\. pr\. år[\s\S]*à 7,50 kr\. pr\. år/);
  });

  withStandards('XSD (OASIS UBL 2.1): every invoice, credit note and replacement is valid', () => {
    const invalid = documents.map((d) => ({ name: d.name, findings: findings(xsdFindings(d.xml)) })).filter((v) => v.findings.length > 0);
    expect(invalid).toEqual([]);
  });

  if (format === 'peppol') {
    for (const version of VERSIONS) {
      withStandards(
        `Peppol BIS Billing ${version} rules: no error, no warning on any document`,
        () => {
          const verdicts = peppolFindings(
            version,
            documents.map((d) => d.xml),
          ).map((found, i) => ({ name: documents[i]!.name, findings: findings(found) }));
          expect(verdicts.filter((v) => v.findings.length > 0)).toEqual([]);
        },
        300_000,
      );
    }
  }

  it(`${format === 'oioubl' ? 'OIOUBL 2.1' : 'EN 16931'} rules (the project's own checks): no error, no warning on any document`, () => {
    const verdicts = ownFindings(
      format,
      documents.map((d) => d.xml),
    ).map((found, i) => ({ name: documents[i]!.name, findings: findings(found) }));
    expect(verdicts.filter((v) => v.findings.length > 0), JSON.stringify(verdicts.filter((v) => v.findings.length > 0)).slice(0, 3000)).toEqual([]);
  });

  it("a credit note refers to the invoice it credits, and a replacement to the invoice it replaces, with that invoice's issue date", () => {
    const credit = xml('FLIS-2024-H1-K0003.xml');
    expect(credit).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H1-0052<\/cbc:ID>\s*<cbc:IssueDate>2024-02-12<\/cbc:IssueDate>/);
    expect(credit).toMatch(/<cbc:IssueDate>2024-06-03<\/cbc:IssueDate>/);
    expect(xml('FLIS-2024-H1-0099.xml')).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>FLIS-2024-H1-0052<\/cbc:ID>\s*<cbc:IssueDate>2024-02-12<\/cbc:IssueDate>/);
    expect(xml('FLIS-2024-H1-0052.xml')).not.toContain('<cac:BillingReference>');
  });

  withStandards("an element out of the schema's order is caught by the XSD", () => {
    const invoice = xml('FLIS-2024-H1-0052.xml');
    const wrong = swap(/(\s*<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)([\s\S]*?)(<cbc:DocumentCurrencyCode>[^<]*<\/cbc:DocumentCurrencyCode>)/, '$2$3$1')(invoice);
    expect(xsdFindings(wrong).map((f) => f.source)).toContain('xsd');
    expect(xsdFindings(invoice)).toEqual([]);
  });
});

// The Peppol rules as published, run by the project's engine, are a real judge: they reject faults planted in a
// document flis wrote, each by the rule that forbids it, and let the document itself pass (above).
describe('the Peppol rules reject faults planted in a flis invoice', () => {
  const FAULTS = [
    { fault: 'no buyer reference (BT-10) and no order reference', rule: 'PEPPOL-EN16931-R003', edit: drop('cbc:BuyerReference') },
    { fault: 'no buyer endpoint (EAN)', rule: 'PEPPOL-EN16931-R010', edit: inside('cac:AccountingCustomerParty', drop('cbc:EndpointID')) },
    { fault: 'a buyer EAN whose GS1 check digit is wrong (the GLN function of the rules)', rule: 'PEPPOL-COMMON-R040', edit: inside('cac:AccountingCustomerParty', swap(/(<cbc:EndpointID schemeID="0088">[0-9]{12})([0-9])/, (_, head, digit) => `${head}${(Number(digit) + 1) % 10}`)) },
    { fault: 'a CVR number (0184) of seven digits', rule: 'PEPPOL-COMMON-R042', edit: inside('cac:PartyLegalEntity', text('cbc:CompanyID', '1943507')) },
    { fault: 'another specification than Peppol BIS Billing 3.0 (CustomizationID)', rule: 'PEPPOL-EN16931-R004', edit: text('cbc:CustomizationID', 'OIOUBL-2.1') },
    { fault: 'an amount in another currency than the document', rule: 'PEPPOL-EN16931-R051', edit: attribute('cbc:PayableAmount', 'currencyID', 'EUR') },
    { fault: 'a currency that is no ISO 4217 code', rule: 'PEPPOL-EN16931-CL007', edit: all(swap(/currencyID="DKK"/g, 'currencyID="DKR"'), text('cbc:DocumentCurrencyCode', 'DKR')) },
    { fault: "a line amount that is not quantity × price", rule: 'PEPPOL-EN16931-R120', edit: inside('cac:InvoiceLine', offByØre('cbc:LineExtensionAmount')) },
    { fault: 'a payment means a Danish supplier may not use', rule: 'DK-R-005', edit: text('cbc:PaymentMeansCode', '30') },
    { fault: 'an unknown business process (ProfileID)', rule: 'PEPPOL-EN16931-R007', edit: text('cbc:ProfileID', 'urn:fdc:peppol.eu:2017:poacc:ordering:01:1.0') },
    { fault: 'an empty element', rule: 'PEPPOL-EN16931-R008', edit: append('cac:AccountingCustomerParty', '<cbc:CustomerAssignedAccountID></cbc:CustomerAssignedAccountID>') },
    { fault: 'a date that is no date', rule: 'PEPPOL-EN16931-F001', edit: text('cbc:DueDate', '13.03.2024') },
  ] as const;

  let invoice: string;
  let verdicts: Record<PeppolVersion, Finding[][]>;

  beforeAll(async () => {
    if (!standardsPresent) return;
    invoice = (await issueYear('peppol')).find((d) => d.name === 'FLIS-2024-H1-0052.xml')!.xml;
    // All the faulty documents, and the good one, judged in one run of each version's rules.
    const planted = [invoice, ...FAULTS.map((f) => f.edit(invoice))];
    verdicts = Object.fromEntries(VERSIONS.map((v) => [v, peppolFindings(v, planted)])) as Record<PeppolVersion, Finding[][]>;
  }, 300_000);

  withStandards('every rule of each version is read and run: none is skipped', () => {
    for (const version of VERSIONS) {
      const text = standardFile(PEPPOL_RULES[version]).toString('utf8');
      // Commented out in the file, not published.
      const published = (text.replace(/<!--[\s\S]*?-->/g, '').match(/<(?:assert|report)\s/g) ?? []).length;
      const run = peppol(version).schema.patterns.flatMap((p) => p.rules.flatMap((r) => r.checks));
      expect(run.length, version).toBe(published);
      expect(published).toBeGreaterThan(150);
    }
  });

  withStandards('the invoice itself passes', () => {
    for (const version of VERSIONS) expect(findings(verdicts[version][0]!), version).toEqual([]);
  });

  FAULTS.forEach((f, i) => {
    withStandards(`${f.fault}: ${f.rule}`, () => {
      expect(f.edit(invoice)).not.toBe(invoice);
      for (const version of VERSIONS) expect(verdicts[version][i + 1]!.map((finding) => finding.rule), version).toContain(f.rule);
    });
  });
});
