import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type CsvRecord, parseCsv, sniffDelimiter } from '../../src/readers/csv.js';

async function* inChunks(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function ours(text: string, delimiter: ';' | ',', size: number) {
  const records: { fields: readonly string[]; line: number }[] = [];
  await parseCsv('t.csv', inChunks(text, size), delimiter, (r: CsvRecord) => records.push({ fields: r.fields, line: r.line }));
  return records;
}

/** csv-parse on its own, the line each record starts on taken from where the one before it ended. */
function csvParse(text: string, delimiter: ';' | ',') {
  const rows = parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: false, info: true }) as {
    record: string[];
    info: { lines: number };
  }[];
  let previous = 0;
  return rows.map(({ record, info }) => {
    const line = previous + 1;
    previous = info.lines;
    return { fields: record, line };
  });
}

const piece = fc.oneof(fc.constantFrom(';', ',', '\n', '\r\n', '\r', '', ' ', 'Odense', 'Hele landet', '2024K1', '209078', 'ø', 'Æblø', '..'), fc.string({ maxLength: 6 }));
const plainText = fc.array(piece, { maxLength: 60 }).map((ps) => ps.join('').replace(/"/g, ''));
const quotedText = fc.array(fc.oneof(piece, fc.constantFrom('"a;b"', '"x\ny"', '"say ""hi"""')), { maxLength: 60 }).map((ps) => ps.join(''));

describe('reading CSV records', () => {
  it('text without quotes: the same records and line numbers as csv-parse, whatever the chunks', async () => {
    await fc.assert(
      fc.asyncProperty(plainText, fc.constantFrom(';' as const, ',' as const), fc.integer({ min: 1, max: 40 }), async (text, delimiter, size) => {
        expect(await ours(text, delimiter, size)).toEqual(csvParse(text, delimiter));
      }),
      { numRuns: 1000 },
    );
  });

  it('text with quotes, wherever the first quote falls: the same as csv-parse', async () => {
    await fc.assert(
      fc.asyncProperty(plainText, quotedText, fc.constantFrom(';' as const, ',' as const), fc.integer({ min: 1, max: 40 }), async (before, after, delimiter, size) => {
        const text = `${before}\n${after}`;
        let expected;
        try {
          expected = csvParse(text, delimiter);
        } catch {
          return; // malformed quoting is refused; the catalogue and the fuzz test cover that
        }
        expect(await ours(text, delimiter, size)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('sniffs the separator from the first lines, outside quotes', () => {
    expect(sniffDelimiter('OMRÅDE;TID;INDHOLD\n')).toBe(';');
    expect(sniffDelimiter('"Population, by region",,,\n , ,Total,Men\n')).toBe(',');
    expect(sniffDelimiter('"a, b, c";"d"\n')).toBe(';');
  });
});
