import { describe, expect, it } from 'vitest';
import { readPopulation, isTotalLabel, parseCount, parseTime } from '../../src/readers/dst-population.js';
import { bytesOf, figuresFor, inChunks, populationFile, problemsOf } from './read.js';

const REAL = 'fixtures/dst/FOLK1AM_2021M10-2024M04_api_labels.csv';
const sum = (figures: Record<string, number | null>) => Object.values(figures).reduce<number>((a, b) => a + (b ?? 0), 0);

describe('the real FOLK1AM file (2021M10–2024M04)', () => {
  it('gives all 98 municipalities on 1 January 2022, 2023 and 2024, and nothing else', async () => {
    const read = await populationFile(REAL);
    expect(read.encoding).toBe('utf-8');
    expect(read.delimiter).toBe(';');
    expect(read.layout).toBe('api');
    expect(read.lines).toBe(3256);
    expect(read.figures.size).toBe(98);
    for (const year of [2022, 2023, 2024]) expect(Object.keys(figuresFor(read.figures, year))).toHaveLength(98);
    expect([...read.figures.get('461')!.keys()].sort()).toEqual([2022, 2023, 2024]);
    expect(read.notices).toEqual([]);
  });

  it('keeps each figure with its file, line and column', async () => {
    const read = await populationFile(REAL);
    expect(read.figures.get('461')!.get(2024)).toEqual({ code: '461', year: 2024, count: 209078, source: { file: REAL, line: 1827, column: 3 } });
    expect(read.figures.get('101')!.get(2024)!.count).toBe(659350);
  });

  it('the 98 sum to Hele landet less Christiansø (5,961,249 − 91 in 2024; 5,932,654 − 93 in 2023)', async () => {
    const read = await populationFile(REAL);
    expect(sum(figuresFor(read.figures, 2024))).toBe(5961249 - 91);
    expect(sum(figuresFor(read.figures, 2023))).toBe(5932654 - 93);
  });

  it('decides the encoding on the first 64 KiB whatever the chunk size', async () => {
    const bytes = bytesOf('fixtures/errors/population-mixed-encoding.csv');
    for (const size of [1000, 64 * 1024, 256 * 1024, bytes.length]) {
      const problems = await problemsOf(readPopulation('mixed.csv', inChunks(bytes, () => size)));
      expect(problems[0], `chunks of ${size}`).toMatchObject({ line: 2504, message: expect.stringMatching(/mixes encodings/) });
    }
  });

  it('reads the same however the bytes are split into chunks (multi-byte characters cut in two)', async () => {
    const bytes = bytesOf(REAL);
    const whole = await readPopulation(REAL, inChunks(bytes, () => bytes.length));
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) % 50;
    const split = await readPopulation(REAL, inChunks(bytes, random));
    expect(figuresFor(split.figures, 2024)).toEqual(figuresFor(whole.figures, 2024));
    expect(figuresFor(split.figures, 2023)).toEqual(figuresFor(whole.figures, 2023));
  });
});

describe('every shape seen in the wild gives the same real figures', async () => {
  const real = await populationFile(REAL);
  const expected2024 = figuresFor(real.figures, 2024);
  const expected2023 = figuresFor(real.figures, 2023);

  it.each([
    ['fixtures/shapes/api-codes-FOLK1A-2023K1-2024K1.csv', 'utf-8', ';', 'api', true],
    ['fixtures/shapes/api-code-label-4digit-KOEN-BOM-CRLF.csv', 'utf-8', ';', 'api', false],
    ['fixtures/shapes/api-en-quarterQ-comma-BOM-CRLF.csv', 'utf-8', ',', 'api', true],
    ['fixtures/shapes/api-name-variants.csv', 'utf-8', ';', 'api', false],
    ['fixtures/shapes/statbank-latin1-pivot-quarters.csv', 'windows-1252', ';', 'statbank', true],
    ['fixtures/shapes/statbank-latin1-multidim-filldown-years.csv', 'windows-1252', ';', 'statbank', true],
    ['fixtures/shapes/statbank-en-comma-pivot-sex-columns.csv', 'utf-8', ',', 'statbank', true],
  ] as const)('%s', async (file, encoding, delimiter, layout, has2023) => {
    const read = await populationFile(file);
    expect({ encoding: read.encoding, delimiter: read.delimiter, layout: read.layout }).toEqual({ encoding, delimiter, layout });
    expect(figuresFor(read.figures, 2024)).toEqual(expected2024);
    if (has2023) expect(figuresFor(read.figures, 2023)).toEqual(expected2023);
  });

  it('says so when bare years are read as 1 January', async () => {
    const read = await populationFile('fixtures/shapes/statbank-latin1-multidim-filldown-years.csv');
    expect(read.notices).toEqual([expect.stringMatching(/years without a quarter or month .* 1 January/)]);
  });
});

describe('the other real DST examples', () => {
  it('example 2 (FOLK1A 2020K1, regions mixed in, dimension first): the 98 municipalities on 1 January 2020', async () => {
    const read = await populationFile('fixtures/dst/example2_api_FOLK1A_2020K1_regions_municipalities_labels.csv');
    const figures = figuresFor(read.figures, 2020);
    expect(Object.keys(figures)).toHaveLength(98);
    expect(figures['461']).toBe(204895);
    expect(sum(figures)).toBe(5822763 - 84);
  });

  it.each([
    ['example1_api_FOLK1A_labels_BOM_CRLF.csv', undefined, /no population figure for any municipality/],
    ['example3_api_FOLK1A_lang_en_quarterQ.csv', 1, /no area column \(OMRÅDE\): its columns are TID, ALDER, KØN, INDHOLD/],
    ['example4_statbank_web_export_latin1_befolkning_excerpt.csv', 4, /unknown area: 1050 is not a municipality code/],
    ['example7_api_FOLK1A_valuePresentation_Code_excerpt.csv', 16, /the line has 1 field, the header has 5/],
    ['example8_statbank_web_export_EN_comma_pivot_datacommons_excerpt.csv', 7, /no total .* "Never married"/],
    ['kommuner.csv', 1, /not a DST population table/],
  ])('%s is refused (line %s)', async (name, line, message) => {
    const problems = await problemsOf(populationFile(`fixtures/dst/${name}`));
    expect(problems[0]).toMatchObject({ file: `fixtures/dst/${name}`, message: expect.stringMatching(message) });
    expect(problems[0]!.line).toBe(line);
  });

  it('example 7 reports every problem at once: the cut line, and KØN and ALDER without totals', async () => {
    const problems = await problemsOf(populationFile('fixtures/dst/example7_api_FOLK1A_valuePresentation_Code_excerpt.csv'));
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/1 field/),
      expect.stringMatching(/^KØN has no total/),
      expect.stringMatching(/^ALDER has no total/),
    ]);
  });

  it('example 5 (ERHV2, not a population table) is refused: neither its branch nor its unit variable has a total flis takes', async () => {
    const text = bytesOf('fixtures/dst/example5_statbank_web_export_latin1_multidim_ERHV2_excerpt.csv')
      .toString('latin1')
      .replace('[... excerpt cut ...]\n', '');
    const problems = await problemsOf(readPopulation('erhv2.csv', inChunks(Buffer.from(text, 'latin1'), () => 4096)));
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^the variable in column 1 has no total, only "TOT Erhverv i alt", which is not the variable in column 1's own total/),
      expect.stringMatching(/the variable in column 2 has no total .* "Arbejdssteder ultimo november"/),
    ]);
  });
});

describe('the 98 municipalities and Christiansø add up to all Denmark, as DST\'s figures do', () => {
  it('in every shape of the real figures, and in the real FOLK1AM file for every year (or the read would fail)', async () => {
    for (const file of [REAL, 'fixtures/shapes/statbank-latin1-pivot-quarters.csv', 'fixtures/shapes/api-en-quarterQ-comma-BOM-CRLF.csv']) {
      expect((await populationFile(file)).figures.size, file).toBe(98);
    }
  });

  it('a figure changed in a web export is refused at the all-Denmark line, with the difference', async () => {
    const text = bytesOf('fixtures/shapes/statbank-latin1-pivot-quarters.csv').toString('latin1').replace(/^"Odense";(\d+);(\d+)/m, (_, y2023: string, y2024: string) => `"Odense";${y2023};${Number(y2024) - 5}`);
    const problems = await problemsOf(readPopulation('p.csv', inChunks(Buffer.from(text, 'latin1'), () => 4096)));
    expect(problems).toEqual([expect.objectContaining({ line: 4, column: 3, message: expect.stringMatching(/add up to 5961244 on 1 January 2024, but all Denmark is 5961249 here \(-5\)/) })]);
  });

  it('is not asked where a municipality has ".." or 0: those are told where they are billed', async () => {
    for (const value of ['..', '0']) {
      const text = bytesOf('fixtures/statbank/FOLK1A-2024K1.csv').toString('utf8').replace(/^Odense;2024K1;\d+/m, `Odense;2024K1;${value}`);
      const read = await readPopulation('p.csv', inChunks(Buffer.from(text), () => text.length));
      expect(read.figures.get('461')!.get(2024)!.count, value).toBe(value === '..' ? null : 0);
    }
  });

  it('is not asked of a file without all of them', async () => {
    async function* text(content: string) {
      yield Buffer.from(content);
    }
    const read = await readPopulation('p.csv', text('OMRÅDE;TID;INDHOLD\nHele landet;2024K1;1\nChristiansø;2024K1;91\nOdense;2024K1;209078\n'));
    expect(read.figures.get('461')!.get(2024)!.count).toBe(209078);
  });
});

describe('refusals, each with its file and line', () => {
  it.each([
    ['population-mojibake-replacement-char.csv', 3, /U\+FFFD replacement characters \(mojibake\)/],
    ['population-mojibake-double-encoded.csv', 3, /mojibake \("Ã¸"\)/],
    ['population-dimension-without-total.csv', 2, /^KØN has no total .* "Mænd"/],
    ['population-non-numeric-count.csv', 3, /not a population count: "209O78"/],
    ['population-negative-count.csv', 3, /negative population count/],
    ['population-unknown-area.csv', 3, /"Odens" is not a Danish municipality/],
    ['population-no-area-column.csv', 1, /no area column/],
    ['population-two-figures.csv', 5, /second, different population figure for Odense \(461\) on 1 January 2024: 209079 here, 209078 on line 4/],
    ['population-bad-time.csv', 3, /not a DST time period: "2024K5"/],
    ['population-missing-field.csv', 3, /2 fields, the header has 3/],
    ['population-unclosed-quote.csv', 3, /never closed/],
    ['population-stray-quote.csv', 3, /a field has a " in it without being quoted/],
    ['population-empty.csv', undefined, /the file is empty/],
    ['population-binary.csv', 1, /binary data/],
    ['population-utf16.csv', undefined, /UTF-16/],
    ['population-only-aggregates.csv', undefined, /no population figure for any municipality/],
    ['population-not-a-dst-table.csv', 1, /not a DST population table/],
    ['population-mixed-encoding.csv', 2504, /not valid UTF-8 here.*mixes encodings/],
  ])('%s', async (name, line, message) => {
    const file = `fixtures/errors/${name}`;
    const problems = await problemsOf(populationFile(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, message: expect.stringMatching(message) });
    expect(problems[0]!.line).toBe(line);
    expect(problems[0]!.hint).toBeTruthy();
  });

  it('suggests the nearest municipality for an unknown area', async () => {
    const [problem] = await problemsOf(populationFile('fixtures/errors/population-unknown-area.csv'));
    expect(problem!.hint).toMatch(/Did you mean Odense \(461\)/);
    expect(problem!.excerpt).toBe('Odens;2024K1;209078');
    expect(problem!.culprit).toBe('Odens');
  });

  it('keeps ".." as not available, for the billing run to refuse only where it is billed', async () => {
    const read = await populationFile('fixtures/errors/population-not-available-for-billed.csv');
    expect(read.figures.get('461')!.get(2024)).toMatchObject({ count: null, source: { line: 4 } });
    expect(read.figures.get('101')!.get(2024)!.count).toBe(659350);
  });

  it('refuses a line longer than 1 MiB without holding the file in memory', async () => {
    async function* oneLongLine() {
      yield Buffer.from('OMRÅDE;TID;INDHOLD\nOdense;2024K1;');
      for (let i = 0; i < 40; i++) yield Buffer.alloc(64 * 1024, 0x37);
    }
    const problems = await problemsOf(readPopulation('long.csv', oneLongLine()));
    expect(problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/longer than 1 MiB/) });
  });
});

describe('details of the layouts', () => {
  async function* text(content: string, encoding: BufferEncoding = 'utf8') {
    yield Buffer.from(content, encoding);
  }

  it('a trailing separator on API lines (as spreadsheets save them) is ignored', async () => {
    const read = await readPopulation('p.csv', text('OMRÅDE;TID;INDHOLD;\nOdense;2024K1;209078;\n'));
    expect(read.figures.get('461')!.get(2024)!.count).toBe(209078);
  });

  it('an unknown area on a group row of a web export is reported on that row', async () => {
    const export_ = ' ,,Total\nAll Denmark,,\n ,2024Q1,5961249\nOdens,,\n ,2024Q1,209078\n';
    const problems = await problemsOf(readPopulation('p.csv', text(export_)));
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/"Odens" is not a Danish municipality/) })]);
  });

  it('a web export with areas across the columns', async () => {
    const read = await readPopulation('p.csv', text('" ";"Hele landet";"Odense";"København"\n"2024K1";5961249;209078;659350\n', 'latin1'));
    expect(figuresFor(read.figures, 2024)).toEqual({ '461': 209078, '101': 659350 });
  });
});

describe('values', () => {
  it('times: quarters, English quarters, months and bare years; 1 January is K1, Q1, M01 or the year', () => {
    expect(parseTime('2024K1')).toEqual({ year: 2024, janFirst: true, bareYear: false, notation: 'quarter' });
    expect(parseTime('2024Q1')).toEqual({ year: 2024, janFirst: true, bareYear: false, notation: 'quarter' });
    expect(parseTime('2024M01')).toEqual({ year: 2024, janFirst: true, bareYear: false, notation: 'month' });
    expect(parseTime('2024')).toEqual({ year: 2024, janFirst: true, bareYear: true, notation: 'year' });
    expect(parseTime('2024K2')!.janFirst).toBe(false);
    expect(parseTime('2024M12')!.janFirst).toBe(false);
    for (const bad of ['2024K5', '2024M13', '2024M1', '24K1', '2024-01', '']) expect(parseTime(bad)).toBeUndefined();
  });

  it('counts: whole numbers, ".." for not available, and nothing else', () => {
    expect(parseCount('209078')).toBe(209078);
    expect(parseCount(' 0 ')).toBe(0);
    expect(parseCount('..')).toBeNull();
    expect(parseCount('-5')).toBe('negative');
    for (const bad of ['12.5', '1.234', '1,234', '209O78', '', '1e5']) expect(parseCount(bad)).toBe('invalid');
  });

  it('totals: I alt, Total, TOT, IALT, a variable\'s own total, and their coded forms', () => {
    for (const total of ['I alt', 'i alt', 'Total', 'TOT', 'IALT', 'Alder i alt', 'Age, total', 'Køn i alt', 'Sex, total', 'TOT I alt', 'IALT Alder i alt', 'TOT  Total']) {
      expect(isTotalLabel(total), total).toBe(true);
    }
    for (const other of ['Mænd', 'Men', '0 år', '1', 'Ugift', 'Totalt fraskilt']) expect(isTotalLabel(other), other).toBe(false);
  });

  it('a variable\'s own total counts for it alone: "Alder i alt" is ALDER\'s, not KØN\'s', () => {
    expect(isTotalLabel('Alder i alt', 'ALDER')).toBe(true);
    expect(isTotalLabel('IALT Alder i alt', 'ALDER')).toBe(true);
    expect(isTotalLabel('Age, total', 'ALDER')).toBe(true);
    expect(isTotalLabel('Køn i alt', 'KØN')).toBe(true);
    expect(isTotalLabel('Sex, total', 'KOEN')).toBe(true);
    expect(isTotalLabel('Civilstand i alt', 'CIVILSTAND')).toBe(true);
    expect(isTotalLabel('Alder i alt', 'KØN')).toBe(false);
    expect(isTotalLabel('Køn i alt', 'ALDER')).toBe(false);
    for (const variable of ['KØN', 'ALDER', 'CIVILSTAND', undefined]) {
      for (const total of ['I alt', 'Total', 'TOT', 'IALT', 'TOT I alt']) expect(isTotalLabel(total, variable), `${total} (${variable})`).toBe(true);
    }
  });

  it('the total of a part of a variable is not its total: "Kvinder i alt", "Total, 0-17 years", "TOT 0-17"', () => {
    const parts = ['Kvinder i alt', 'Mænd i alt', 'Total, 0-17 years', 'Total 0-17', 'TOT 0-17', 'IALT 0-17 år', 'TOT Kvinder i alt', 'Alder i alt 0-17', 'TOT Erhverv i alt', 'Both sexes', 'All ages'];
    for (const variable of ['KØN', 'ALDER', 'CIVILSTAND', undefined]) {
      for (const part of parts) expect(isTotalLabel(part, variable), `${part} (${variable})`).toBe(false);
    }
  });
});
