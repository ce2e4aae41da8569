// CSV records with their line numbers and raw text, streamed from decoded text (csv-parse underneath).

import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { InputError, type InputProblem } from '../errors.js';

export type Delimiter = ';' | ',';

export interface CsvRecord {
  readonly fields: readonly string[];
  /** 1-based line the record starts on. */
  readonly line: number;
  /** The record as it stands in the file, without its line ending. */
  readonly raw: string;
}

/** Longest record read (characters): a longer one is refused rather than held in memory. */
export const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * Which of `;` and `,` separates fields: the one that occurs more often outside quotes in the first lines.
 * Ties (including a file with neither) go to `;`, DST's own separator.
 */
export function sniffDelimiter(head: string): Delimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < head.length && lines < 30; i++) {
    const c = head[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === ';') semicolons++;
    else if (c === ',') commas++;
    else if (c === '\n') lines++;
  }
  return commas > semicolons ? ',' : ';';
}

/** A problem at a record, and at one of its fields when `column` (1-based) and the culprit text are given. */
export function fieldProblem(
  file: string,
  record: CsvRecord,
  message: string,
  hint?: string,
  column?: number,
  culprit?: string,
): InputProblem {
  return { file, line: record.line, column, excerpt: record.raw, culprit: culprit?.trim(), message, hint };
}

/** A text whose first line is separated by tabs and has neither `;` nor `,`: not CSV flis can read. */
export function looksTabSeparated(head: string): boolean {
  const first = head.split(/\r?\n/, 1)[0] ?? '';
  return first.includes('\t') && !first.includes(';') && !first.includes(',');
}

/**
 * Refuses text that is clearly not CSV, with what to do instead: a web page (a failed download saved as the
 * file) or tab-separated text (Excel's "Text (Tab delimited)").
 */
export function refuseNotCsv(file: string, head: string): void {
  if (/^\s*<(!doctype html|html|\?xml)/i.test(head)) {
    throw new InputError({
      file,
      line: 1,
      message: 'the file is a web page (HTML or XML), not CSV: the download probably failed',
      hint: 'Download the table again and check that the file holds the CSV.',
    });
  }
  if (!looksTabSeparated(head)) return;
  throw new InputError({
    file,
    line: 1,
    excerpt: (head.split(/\r?\n/, 1)[0] ?? '').replace(/\t/g, '→'),
    message: 'the file is separated by tabs; flis reads CSV separated by ; or ,',
    hint: 'Export or save the table as CSV.',
  });
}

export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field is followed by more text before the next separator';
    case 'INVALID_OPENING_QUOTE':
      return 'a field has a " in it without being quoted';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field that starts on this line is never closed (an odd number of " characters)';
    case 'CSV_MAX_RECORD_SIZE':
      return `a line is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MiB: this is not a CSV table flis can read`;
    default:
      return `the CSV cannot be read: ${error.message.replace(/ at line \d+.*/, '')}`;
  }
}

/** Records of a CSV text, every line included (blank lines give one empty field). */
export async function* readCsv(file: string, text: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<CsvRecord> {
  let parsedThrough = 0; // the last line of the last record the parser has finished (it may run ahead of us)
  // With raw: true, csv-parse hands on_record { record, raw }; what on_record returns is what it emits.
  const onRecord = (item: { record: string[]; raw: string }, context: { lines: number }): CsvRecord => {
    const record = { fields: item.record, line: parsedThrough + 1, raw: item.raw.replace(/\r?\n$|\r$/, '') };
    parsedThrough = context.lines;
    return record;
  };
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: false,
    raw: true,
    max_record_size: MAX_RECORD_CHARS,
    on_record: onRecord as unknown as (record: string[]) => string[],
  });
  // pipeline, not pipe: an error in the text (a decoding error) must reach the parser and end the iteration.
  pipeline(Readable.from(text), parser, () => undefined);
  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) yield record;
  } catch (error) {
    if (error instanceof InputError) throw error;
    // Every error the parser raises is about the text (its codes are not all prefixed CSV_).
    if (error instanceof CsvError) {
      const csvError = error as CsvError & { lines?: number };
      throw new InputError({
        file,
        line: csvError.code === 'CSV_QUOTE_NOT_CLOSED' ? parsedThrough + 1 : (csvError.lines ?? parsedThrough + 1),
        message: describeCsvError(csvError),
        hint: 'Export the table again, or check the quoting of this line.',
      });
    }
    throw error;
  } finally {
    parser.destroy();
  }
}
