// The project's own checks of OIOUBL 2.1's business rules (oioubl-rules.ts) and of EN 16931's rules on totals
// and VAT (en16931-rules.ts) are real judges: each is named by the official rule it mirrors, passes the
// documents flis writes, and fails on a fault planted in one of them. They need nothing from outside the
// repository, so they always run.

import { beforeAll, describe, expect, it } from 'vitest';
import { EN16931_RULES } from './en16931-rules.js';
import { OIOUBL_RULES } from './oioubl-rules.js';
import { type OwnRule, type Sample, kindOfSample } from './own-rules.js';
import { type Format, describe as findings, ownFindings } from './validator.js';
import { type Issued, issueTwoAccounts, issueYear } from './year.js';

const RULES: Record<Format, readonly OwnRule[]> = { oioubl: OIOUBL_RULES, peppol: EN16931_RULES };

interface Case {
  readonly id: string;
  readonly says: string;
  readonly sample: Sample;
  readonly rule: OwnRule;
}

const keyOf = (c: Case) => `${c.id} ${c.sample}`;

const casesOf = (format: Format): Case[] =>
  RULES[format].flatMap((rule) => rule.samples.map((sample) => ({ id: rule.ids[kindOfSample(sample)]!, says: rule.says, sample, rule })));

describe.each([
  ['oioubl', 'OIOUBL 2.1'],
  ['peppol', 'EN 16931 (Peppol BIS 3.0)'],
] as const)('%s: %s rules, checked by the project', (format, _standard) => {
  let samples: Record<Sample, string>;
  let planted: Map<string, string[]>;

  beforeAll(async () => {
    const [issued, twoAccounts] = await Promise.all([issueYear(format), issueTwoAccounts(format)]);
    const named = (documents: Issued[], name: string) => documents.find((d) => d.name === name)!.xml;
    samples = {
      invoice: named(issued, 'FLIS-2024-H1-0052.xml'),
      'credit note': named(issued, 'FLIS-2024-H1-K0003.xml'),
      replacement: named(issued, 'FLIS-2024-H1-0099.xml'),
      'invoice paid to two accounts': named(twoAccounts, 'FLIS-2024-H1-0002.xml'),
    };
    // Every planted fault judged in one run of the rules.
    const cases = casesOf(format);
    const documents = cases.map((c) => c.rule.fault(samples[c.sample]));
    const found = ownFindings(format, documents);
    planted = new Map(cases.map((c, i) => [keyOf(c), found[i]!.map((f) => f.rule)]));
  }, 300_000);

  it('the samples are what they are said to be', () => {
    expect(samples.invoice).toMatch(/^<\?xml[^>]*>\s*<Invoice /);
    expect(samples['credit note']).toMatch(/^<\?xml[^>]*>\s*<CreditNote /);
    expect(samples.replacement).toMatch(/^<\?xml[^>]*>\s*<Invoice [\s\S]*<cac:BillingReference>/);
    expect(samples['invoice paid to two accounts'].match(/<cac:PaymentMeans>/g)).toHaveLength(2);
  });

  // Every document of the year passes them all: standards.test.ts.
  it('the documents the faults are planted in pass every rule: no error, no warning', () => {
    for (const [sample, xml] of Object.entries(samples)) expect(findings(ownFindings(format, [xml])[0]!), sample).toEqual([]);
  });

  it('every rule has a fault planted in each kind of document it applies to', () => {
    for (const rule of RULES[format]) {
      for (const kind of Object.keys(rule.ids)) expect(rule.samples.map(kindOfSample), `${rule.ids[kind as 'Invoice']}: ${rule.says}`).toContain(kind);
    }
  });

  // Named by the rule: "F-INV133 (invoice): The amount to pay is …".
  it.each(casesOf(format).map((c) => [`${c.id} (${c.sample}): ${c.says}`, c] as const))('%s', (_title, c) => {
    expect(planted.get(keyOf(c))).toContain(c.id);
  });
});
