// The shortcut for plain StatBank API files (plainApiRecords) must read exactly what the line-by-line reader
// reads: the same figures with the same lines, the same line count and notices, or the same problems.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { matchArea } from '../../src/engine/municipalities.js';
import { plainApiRecords, readPopulation } from '../../src/readers/dst-population.js';
import { inChunks } from './read.js';

const REAL = 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv';
const known = (area: string) => matchArea(area).kind !== 'unknown';

/** What a read gives, in a form to compare: the result, or the problems it was refused with. */
async function outcome(name: string, bytes: Uint8Array, lineByLine: boolean): Promise<unknown> {
  try {
    const read = await readPopulation(name, inChunks(bytes, () => bytes.length), { lineByLine });
    const figures = [...read.figures].map(([code, byYear]) => [code, [...byYear]]);
    return { ...read, figures };
  } catch (error) {
    if (error instanceof InputError) return { problems: error.problems };
    throw error;
  }
}

async function expectSameRead(text: string, name = 'plain.csv'): Promise<unknown> {
  const bytes = Buffer.from(text, 'utf8');
  const shortcut = await outcome(name, bytes, false);
  expect(shortcut).toEqual(await outcome(name, bytes, true));
  return shortcut;
}

describe('plainApiRecords', () => {
  it('gives the real FOLK1AM file as its header and the 315 lines of 1 January, each with its line', () => {
    const text = readFileSync(REAL, 'utf8').replace(/^\uFEFF/, '');
    const plain = plainApiRecords(text, ';', known)!;
    expect(plain.header.fields).toEqual(['OMRÅDE', 'TID', 'INDHOLD']);
    expect(plain.lines).toBe(3256);
    expect(plain.records).toHaveLength(315);
    expect(plain.records.every((r) => /^\d{4}M01$/.test(r.fields[1]!))).toBe(true);
    const lines = text.split('\n');
    for (const record of plain.records) expect(lines[record.line - 1]!.replace(/\r$/, '')).toBe(record.fields.join(';'));
    expect(plain.records.find((r) => r.fields[0] === 'Odense' && r.fields[1] === '2024M01')).toMatchObject({ line: 1827, fields: ['Odense', '2024M01', '209078'] });
  });

  it('reads the real file as the line-by-line reader does', async () => {
    await expectSameRead(readFileSync(REAL, 'utf8'), REAL);
  });

  const PLAIN = 'OMRÅDE;TID;INDHOLD\nHele landet;2024M01;5961249\nOdense;2023M12;208000\nOdense;2024M01;209078\n';

  it('takes a plain file, with or without its last line break, in LF or CRLF', () => {
    for (const text of [PLAIN, PLAIN.slice(0, -1), PLAIN.replace(/\n/g, '\r\n'), PLAIN.replace(/\n/g, '\r\n').slice(0, -2)]) {
      const plain = plainApiRecords(text, ';', known);
      expect(plain?.lines).toBe(4);
      expect(plain?.records.map((r) => [r.line, ...r.fields])).toEqual([
        [2, 'Hele landet', '2024M01', '5961249'],
        [4, 'Odense', '2024M01', '209078'],
      ]);
    }
  });

  it.each([
    ['a quote', PLAIN.replace('Odense;2023M12', '"Odense";2023M12')],
    ['a blank line', PLAIN.replace('\nOdense;2023M12', '\n\nOdense;2023M12')],
    ['a blank line at the end', `${PLAIN}\n`],
    ['spaces at the end', `${PLAIN}  `],
    ['a lone carriage return', PLAIN.replace('\nOdense;2023M12', '\rOdense;2023M12')],
    ['a line separator (U+2028)', PLAIN.replace('\nOdense;2023M12', '\u2028Odense;2023M12')],
    ['a fourth column in the header', PLAIN.replace('INDHOLD', 'INDHOLD;KØN')],
    ['a trailing separator in the header', PLAIN.replace('INDHOLD', 'INDHOLD;')],
    ['the columns in another order', PLAIN.replace('OMRÅDE;TID', 'TID;OMRÅDE')],
    ['a fourth field on a line', PLAIN.replace('208000', '208000;x')],
    ['a line of two fields', PLAIN.replace('2023M12;', '')],
    ['an unknown area', PLAIN.replace('Odense;2023M12', 'Atlantis;2023M12')],
    ['a count with a separator', PLAIN.replace('208000', '208.000')],
    ['a negative count', PLAIN.replace('208000', '-208000')],
    ['a count with spaces', PLAIN.replace('208000', ' 208000')],
    ['no count', PLAIN.replace('208000', '')],
    ['a period out of form', PLAIN.replace('2023M12', '2023M13')],
    ['a period with spaces', PLAIN.replace('2023M12', '2023M12 ')],
    ['only a header', 'OMRÅDE;TID;INDHOLD'],
  ])('leaves a file with %s to the line-by-line reader, which reads it as before', async (_, text) => {
    expect(plainApiRecords(text, ';', known)).toBeUndefined();
    await expectSameRead(text);
  });

  it('takes a header without lines, and one with a line break only after it', async () => {
    expect(plainApiRecords('OMRÅDE;TID;INDHOLD\n', ';', known)).toMatchObject({ records: [], lines: 1 });
    await expectSameRead('OMRÅDE;TID;INDHOLD\n');
  });

  it('reads a duplicate figure, a bare year and a missing figure (..) as the line-by-line reader does', async () => {
    await expectSameRead(`${PLAIN}Odense;2024M01;209079\n`);
    await expectSameRead('OMRÅDE;TID;INDHOLD\nOdense;2024;209078\nAarhus;2024;..\n');
    await expectSameRead('area,time,value\nOdense,2024Q1,209078\nAarhus,2024Q2,1\n');
  });
});

describe('the shortcut against the line-by-line reader, on random API files', () => {
  // Files of known areas and periods and counts in form (which the shortcut takes), and files with anything
  // else mixed in (which it leaves), in about equal numbers.
  const goodArea = fc.constantFrom('Odense', 'København', '461', '0101', '101 København', ' Aarhus ', 'Hele landet', 'Region Sjælland', 'Christiansø', 'Københavns Kommune', 'Århus');
  const goodPeriod = fc.constantFrom('2024M01', '2024K1', '2024Q1', '2024', '2023M01', '2024M02', '2024K2', '2024Q3');
  const goodCount = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }).map(String), fc.constant('..'));
  const area = fc.oneof({ weight: 10, arbitrary: goodArea }, { weight: 1, arbitrary: fc.constantFrom('Atlantis', '', 'Odense"') });
  const period = fc.oneof({ weight: 10, arbitrary: goodPeriod }, { weight: 1, arbitrary: fc.constantFrom('2024M13', '2024K5', '24K1', '2024 ', 'x') });
  const count = fc.oneof({ weight: 10, arbitrary: goodCount }, { weight: 1, arbitrary: fc.constantFrom('-5', '1.234', '', ' 7') });
  const oddLine = fc.constantFrom('', ' ', 'Odense;2024M01', 'Odense;2024M01;1;2', '"Odense";2024M01;1');
  const goodLine = fc.tuple(goodArea, goodPeriod, goodCount).map((fields) => fields.join(';'));
  const anyLine = fc.oneof({ weight: 20, arbitrary: fc.tuple(area, period, count).map((fields) => fields.join(';')) }, { weight: 1, arbitrary: oddLine });
  const goodHeader = fc.constantFrom('OMRÅDE;TID;INDHOLD', 'OMRADE;TID;INDHOLD', 'område; tid ;indhold');
  const anyHeader = fc.oneof(goodHeader, fc.constantFrom('OMRÅDE;KØN;TID;INDHOLD', 'TID;OMRÅDE;INDHOLD', 'OMRÅDE;TID;INDHOLD;'));
  const file = (header: fc.Arbitrary<string>, line: fc.Arbitrary<string>) =>
    fc
      .tuple(header, fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
      .map(([h, lines, eol, lastBreak]) => [h, ...lines].join(eol) + (lastBreak ? eol : ''));

  it('gives the same figures, lines, notices or problems, whether the shortcut is taken or not', async () => {
    let taken = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(file(goodHeader, goodLine), file(anyHeader, anyLine)), async (text) => {
        runs++;
        if (plainApiRecords(text, ';', known)) taken++;
        await expectSameRead(text);
      }),
      { numRuns: 400 },
    );
    // Worth something only if both ways are taken often.
    expect(taken).toBeGreaterThan(runs / 3);
    expect(taken).toBeLessThan(runs - runs / 5);
  });
});
