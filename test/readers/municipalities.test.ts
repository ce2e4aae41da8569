import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES, matchArea, nearestMunicipalities } from '../../src/engine/municipalities.js';

const code = (text: string) => {
  const match = matchArea(text);
  return match.kind === 'municipality' ? match.municipality.code : match.kind;
};

describe('the 98 municipalities', () => {
  it('are exactly those of fixtures/dst/kommuner.csv, with DST codes, names and regions', () => {
    const rows = readFileSync('fixtures/dst/kommuner.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(MUNICIPALITIES.map((m) => [m.code, m.name, m.region])).toEqual(rows);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
  });

  it('every DST name and code is recognised as itself', () => {
    for (const m of MUNICIPALITIES) {
      expect(code(m.name)).toBe(m.code);
      expect(code(m.code)).toBe(m.code);
      expect(code(`0${m.code}`)).toBe(m.code);
      expect(code(`${m.code} ${m.name}`)).toBe(m.code);
    }
  });
});

describe('recognising an area as written in the wild', () => {
  it.each([
    ['Århus', '751'],
    ['Aarhus', '751'],
    ['Høje Taastrup', '169'],
    ['Høje-Taastrup', '169'],
    ['Københavns Kommune', '101'],
    ['københavn', '101'],
    ['Copenhagen', '101'],
    ['Bornholms Regionskommune', '400'],
    ['Bornholm', '400'],
    ['Nordfyn', '480'],
    ['Nordfyns Kommune', '480'],
    ['  Odense', '461'],
    ['0101', '101'],
    ['101 København', '101'],
    ['Taarnby', '185'],
    ['Åbenrå', '580'],
    ['Lyngby-Taarbæk Kommune', '173'],
    ['Vesthimmerland', '820'],
  ])('%s is %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it.each(['Hele landet', 'All Denmark', '000', 'Region Hovedstaden', '084', 'Christiansø', '411', 'Uden for Danmark', 'Landsdel Byen København'])(
    '%s is an aggregate, not a municipality',
    (text) => {
      expect(code(text)).toBe('aggregate');
    },
  );

  it('refuses what is not a municipality, with the reason', () => {
    expect(matchArea('1050 København K')).toMatchObject({ kind: 'unknown', reason: '1050 is not a municipality code' });
    expect(matchArea('999')).toMatchObject({ kind: 'unknown' });
    expect(matchArea('101 Odense')).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/code 101 is København, but the name says Odense/) });
  });

  it('suggests the nearest names', () => {
    expect(nearestMunicipalities('Odens').map((m) => m.name)).toContain('Odense');
    expect(nearestMunicipalities('Kobenhavn').map((m) => m.name)[0]).toBe('København');
    expect(nearestMunicipalities('Silkebrg').map((m) => m.name)[0]).toBe('Silkeborg');
    expect(nearestMunicipalities('xyzzy qwerty')).toEqual([]);
  });
});
