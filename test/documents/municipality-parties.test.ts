// The municipalities as parties to an invoice, compiled into flis (src/documents/municipality-parties.ts), are
// the data of fixtures/kommuner/kommuner-juridisk.csv, value for value; that data is sound; and its provenance
// names every source it cites.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cvrProblem } from '../../src/documents/identifiers.js';
import { MUNICIPALITY_PARTIES } from '../../src/documents/municipality-parties.js';
import { addressLead, buyerParty } from '../../src/documents/parties.js';
import { MUNICIPALITIES } from '../../src/engine/municipalities.js';

const ROOT = join(import.meta.dirname, '../..');
const lines = readFileSync(join(ROOT, 'fixtures/kommuner/kommuner-juridisk.csv'), 'utf8').split('\n');
const rows = lines
  .slice(1)
  .filter((line) => line !== '')
  .map((line) => {
    const [code, name, legalName, cvr, street, buildingNumber, postalCode, city, verified, sources] = line.split(';') as string[];
    return { code: code!, name: name!, legalName: legalName!, cvr: cvr!, lead: { street: street!, buildingNumber: buildingNumber!, postalCode: postalCode!, city: city! }, verified: verified!, sources: sources!.split(' ') };
  });

describe('fixtures/kommuner/kommuner-juridisk.csv, compiled into flis', () => {
  it('the compiled table is the file, value for value (node scripts/municipality-parties.mjs writes it)', () => {
    expect(lines[0]).toBe('code;name;legal_name;cvr;street;building_number;postal_code;city;address_verified;sources');
    expect([...MUNICIPALITY_PARTIES.values()]).toEqual(rows.map((r) => ({ code: r.code, legalName: r.legalName, cvr: r.cvr, lead: r.lead, addressVerified: r.verified === 'yes' })));
  });

  it('the 98 municipalities of DST, in its order, each with a legal name and a sound CVR number, none twice', () => {
    expect(rows.map((r) => [r.code, r.name])).toEqual(MUNICIPALITIES.map((m) => [m.code, m.name]));
    expect(rows.every((r) => cvrProblem(r.cvr) === undefined)).toBe(true);
    expect(new Set(rows.map((r) => r.cvr)).size).toBe(98);
    const genitive = rows.filter((r) => r.legalName !== `${r.name} Kommune`).map((r) => r.legalName);
    expect(genitive).toEqual(['Københavns Kommune', 'Bornholms Regionskommune']);
  });

  it('75 addresses confirmed, each complete (a street, a building number without spaces, 4 digits, a city); the 23 others marked no', () => {
    const verified = rows.filter((r) => r.verified === 'yes');
    expect(verified).toHaveLength(75);
    expect(rows.filter((r) => r.verified === 'no')).toHaveLength(23);
    expect(rows.every((r) => r.verified === 'yes' || r.verified === 'no')).toBe(true);
    for (const r of verified) {
      expect(r.lead.street, r.code).toMatch(/\p{L}/u);
      expect(r.lead.buildingNumber, r.code).toMatch(/^[1-9]\d{0,3}[A-Z]?(-\d+)?$/);
      expect(r.lead.postalCode, r.code).toMatch(/^\d{4}$/);
      expect(r.lead.city, r.code).toMatch(/\p{L}/u);
    }
  });

  it('its SOURCES.md names every source a row cites, and every municipality whose address is not confirmed', () => {
    const sources = readFileSync(join(ROOT, 'fixtures/kommuner/SOURCES.md'), 'utf8');
    const defined = new Set([...sources.matchAll(/^\| ([A-Z0-9][A-Z0-9-]+) \|/gm)].map((m) => m[1]));
    const cited = new Set(rows.flatMap((r) => r.sources));
    expect([...cited].filter((key) => !defined.has(key))).toEqual([]);
    for (const r of rows.filter((row) => row.verified === 'no')) expect(sources, r.code).toMatch(new RegExp(`^\\| ${r.code} \\| ${r.name} \\|`, 'm'));
  });
});

describe('a municipality as a buyer', () => {
  it('is named by its legal name and CVR number, at its confirmed address', () => {
    expect(buyerParty('461')).toEqual({
      code: '461',
      legalName: 'Odense Kommune',
      cvr: '35209115',
      address: { street: 'Flakhaven', buildingNumber: '2', postalCode: '5000', city: 'Odense C' },
      addressFrom: 'register',
    });
  });

  it('an address not confirmed is never used: none, unless the roster gives one, which wins over a confirmed one too', () => {
    expect(buyerParty('151')).toEqual({ code: '151', legalName: 'Ballerup Kommune', cvr: '58271713' });
    expect(addressLead('151')).toBe('Hold-An Vej 7, 2750 Ballerup');
    expect(addressLead('101')).toBe('1599 København V');
    expect(addressLead('163')).toBeUndefined();
    expect(addressLead('461')).toBeUndefined();
    const given = { street: 'Hold-An Vej', buildingNumber: '7', postalCode: '2750', city: 'Ballerup' };
    expect(buyerParty('151', { address: given, reference: 'R', kontostreng: 'K' })).toMatchObject({ address: given, addressFrom: 'roster', reference: 'R', kontostreng: 'K' });
    expect(buyerParty('461', { address: given })).toMatchObject({ address: given, addressFrom: 'roster' });
  });
});
