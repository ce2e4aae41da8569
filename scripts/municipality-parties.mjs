// Writes src/documents/municipality-parties.ts from fixtures/kommuner/kommuner-juridisk.csv: the 98
// municipalities' legal names, CVR numbers and town-hall addresses, compiled into flis so that it never reads
// fixtures/ when it runs. Run it after changing the CSV: node scripts/municipality-parties.mjs
// (test/documents/municipality-parties.test.ts holds the two equal).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CSV = 'fixtures/kommuner/kommuner-juridisk.csv';
const OUT = 'src/documents/municipality-parties.ts';
const HEADER = 'code;name;legal_name;cvr;street;building_number;postal_code;city;address_verified;sources';

const lines = readFileSync(join(ROOT, CSV), 'utf8').split('\n').filter((line) => line !== '');
if (lines[0] !== HEADER) throw new Error(`${CSV}: the header is not ${HEADER}`);
const rows = lines.slice(1).map((line, i) => {
  const cells = line.split(';');
  if (cells.length !== 10) throw new Error(`${CSV}:${i + 2}: ${cells.length} fields, not 10`);
  const [code, , legalName, cvr, street, buildingNumber, postalCode, city, verified] = cells;
  if (verified !== 'yes' && verified !== 'no') throw new Error(`${CSV}:${i + 2}: address_verified is "${verified}", not yes or no`);
  return [code, legalName, cvr, street, buildingNumber, postalCode, city, verified === 'yes'];
});

/** A value as TypeScript: text in single quotes (no value has a quote or a backslash), or true/false. */
function literal(value) {
  if (typeof value === 'boolean') return String(value);
  if (/['\\\n]/.test(value)) throw new Error(`${CSV}: ${JSON.stringify(value)} has a quote, backslash or line break`);
  return `'${value}'`;
}

const text = `// The 98 municipalities as parties to an invoice: legal name, CVR number and the town hall's postal address,
// with whether the address is confirmed. Written by scripts/municipality-parties.mjs from
// ${CSV}, whose SOURCES.md gives the provenance of every value; do not edit by hand.
// An address that is not confirmed is kept as the lead that was found, and is never put on an invoice.

import type { MunicipalityParty } from './parties.js';

type Row = readonly [code: string, legalName: string, cvr: string, street: string, buildingNumber: string, postalCode: string, city: string, addressVerified: boolean];

const ROWS: readonly Row[] = [
${rows.map((row) => `  [${row.map(literal).join(', ')}],`).join('\n')}
];

export const MUNICIPALITY_PARTIES: ReadonlyMap<string, MunicipalityParty> = new Map(
  ROWS.map(([code, legalName, cvr, street, buildingNumber, postalCode, city, addressVerified]) => [
    code,
    { code, legalName, cvr, lead: { street, buildingNumber, postalCode, city }, addressVerified },
  ]),
);
`;
writeFileSync(join(ROOT, OUT), text);
console.log(`wrote ${OUT}: ${rows.length} municipalities, ${rows.filter((r) => r[7]).length} with a confirmed address`);
