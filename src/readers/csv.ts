// CSV records with their line numbers and raw text, streamed from decoded text (csv-parse underneath).

import type { CsvError } from 'csv-parse';
import { InputError, type InputProblem } from '../errors.js';
import { countNewlines } from './text.js';

export type Delimiter = ';' | ',';

export interface CsvRecord {
  readonly fields: readonly string[];
  /** 1-based line the record starts on. */
  readonly line: number;
  /** The record as text, for messages: its fields joined by the separator, quoted where they need it. */
  readonly raw: string;
}

/** A record as the parser gives it; its text is only put together when a message needs it. */
class ParsedRecord implements CsvRecord {
  constructor(
    readonly fields: readonly string[],
    readonly line: number,
    private readonly delimiter: Delimiter,
  ) {}

  get raw(): string {
    return this.fields
      .map((f) => (f.includes(this.delimiter) || f.includes('"') || f.includes('\n') ? `"${f.replace(/"/g, '""')}"` : f))
      .join(this.delimiter);
  }
}

/** Receives each record, in order, as the parser finds it; may throw (an InputError) to stop reading. */
export type RecordSink = (record: CsvRecord) => void;

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

function newlinesIn(fields: readonly string[]): number {
  return fields.reduce((count, field) => count + countNewlines(field), 0);
}

/**
 * Parses a CSV text, handing every record (blank lines included, as one empty field) to `sink` synchronously:
 * no promise per record. Text without a quote character is CSV at its simplest (a record per line, fields
 * between separators) and is split here directly; from the first chunk with a `"` in it on, the rest goes to
 * csv-parse. Either way every record comes with the line it starts on.
 */
export async function parseCsv(file: string, text: AsyncIterable<string>, delimiter: Delimiter, sink: RecordSink): Promise<void> {
  const chunks = text[Symbol.asyncIterator]();
  let carry = ''; // the start of a line whose end has not arrived yet
  let line = 1;
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    if (next.value.includes('"')) {
      const first = carry + next.value;
      async function* rest(): AsyncGenerator<string> {
        yield first;
        for (let more = await chunks.next(); !more.done; more = await chunks.next()) yield more.value;
      }
      return parseQuoted(file, rest(), delimiter, sink, line);
    }
    const data = carry + next.value;
    let start = 0;
    if (!LONE_CR.test(data)) {
      // Lines end in \n or \r\n (nearly every file): find them natively.
      for (let end = data.indexOf('\n'); end !== -1; end = data.indexOf('\n', start)) {
        line = emit(file, data.slice(start, end > start && data.charCodeAt(end - 1) === 13 ? end - 1 : end), line, delimiter, sink);
        start = end + 1;
      }
    } else {
      for (;;) {
        let end = start;
        // the next line break: \n, \r\n or \r
        while (end < data.length && data.charCodeAt(end) !== 10 && data.charCodeAt(end) !== 13) end++;
        if (end === data.length || (data.charCodeAt(end) === 13 && end + 1 === data.length)) break; // a \r may be half of \r\n
        line = emit(file, data.slice(start, end), line, delimiter, sink);
        start = end + (data.charCodeAt(end) === 13 && data.charCodeAt(end + 1) === 10 ? 2 : 1);
      }
    }
    carry = data.slice(start);
    if (carry.length > MAX_RECORD_CHARS) throw tooLong(file, line);
  }
  const last = carry.endsWith('\r') ? carry.slice(0, -1) : carry;
  if (carry !== '') emit(file, last, line, delimiter, sink);
}

/** A \r that is not the first half of \r\n (a \r at the very end may still be). */
const LONE_CR = /\r(?!\n)/;

function tooLong(file: string, line: number): InputError {
  return new InputError({ file, line, message: describeCsvError({ code: 'CSV_MAX_RECORD_SIZE' } as CsvError) });
}

function emit(file: string, text: string, line: number, delimiter: Delimiter, sink: RecordSink): number {
  if (text.length > MAX_RECORD_CHARS) throw tooLong(file, line);
  sink(plainRecord(text, line, delimiter));
  return line + 1;
}

/** The record of one line of plain CSV (see isPlainCsv): its fields are the text between separators. */
export function plainRecord(text: string, line: number, delimiter: Delimiter): CsvRecord {
  return new ParsedRecord(text.split(delimiter), line, delimiter);
}

/** Whether a whole text is CSV at its simplest, which parseCsv splits itself: no quote, lines ending in \n or \r\n. */
export function isPlainCsv(text: string): boolean {
  return !text.includes('"') && !LONE_CR.test(text);
}

/** CSV with quotes, by csv-parse (loaded only when a file needs it), from a line boundary and line number on. */
async function parseQuoted(file: string, text: AsyncIterable<string>, delimiter: Delimiter, sink: RecordSink, firstLine: number): Promise<void> {
  const { CsvError, parse } = await import('csv-parse');
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  let line = firstLine;
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      parser.destroy();
      reject(error instanceof CsvError ? toInputError(file, error, line, firstLine) : error);
    };
    parser.on('error', fail);
    parser.on('readable', () => {
      let fields: string[] | null;
      while (!failed && (fields = parser.read() as string[] | null) !== null) {
        const record = new ParsedRecord(fields, line, delimiter);
        line += 1 + newlinesIn(fields);
        try {
          sink(record);
        } catch (error) {
          fail(error);
        }
      }
    });
    parser.on('end', () => {
      if (!failed) resolve();
    });
    // The text is written into the parser as it comes, waiting whenever the parser has enough (backpressure).
    (async () => {
      for await (const chunk of text) {
        if (failed) return;
        if (!parser.write(chunk)) await new Promise((drained) => parser.once('drain', drained));
      }
      // The records parsed so far are handed on (on 'readable') before the end is told, so that an error found
      // at the end (an unclosed quote) comes after them, at its line.
      await new Promise((handed) => setImmediate(handed));
      if (!failed) parser.end();
    })().catch(fail);
  });
}

/** Every error the parser raises is about the text (its codes are not all prefixed CSV_). */
function toInputError(file: string, error: CsvError & { lines?: number }, nextLine: number, firstLine: number): InputError {
  return new InputError({
    file,
    // An unclosed quote is found at the end of the file; it opened on the line after the last whole record.
    // The parser counts lines from where it was given the text.
    line: error.code === 'CSV_QUOTE_NOT_CLOSED' || error.lines === undefined ? nextLine : firstLine - 1 + error.lines,
    message: describeCsvError(error),
    hint: 'Export the table again, or check the quoting of this line.',
  });
}
