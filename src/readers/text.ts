// Bytes to text, streaming: which encoding a file is in, and refusing what cannot be text or was mangled.
//
// - UTF-8 with a BOM is UTF-8.
// - Without a BOM, the first 64 KiB decide: valid UTF-8 is UTF-8, anything else is Windows-1252 (the superset of
//   ISO-8859-1 that statistikbanken.dk's web exports are written in). A UTF-8 file that turns invalid later is
//   refused at that line: it mixes encodings.
// - UTF-16, NUL bytes (binary files) and empty files are refused.
// - Mojibake is refused with its line: U+FFFD (a file decoded with the wrong encoding and saved), and UTF-8
//   read as Windows-1252 and saved again ("KÃ¸benhavn").

import { InputError } from '../errors.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
  readonly encoding: TextEncoding;
  readonly bom: boolean;
  /** The start of the text (at least the first 64 KiB, or all of it), for sniffing the layout. */
  readonly head: string;
  /** Whether `head` is the whole text (the file was read to its end to decode it). */
  readonly complete: boolean;
  /** The whole text, in chunks, head included. Can be iterated once. */
  readonly chunks: AsyncIterable<string>;
}

const SNIFF_BYTES = 64 * 1024;
const EXCERPT_MAX = 200;

// Characters that follow "Ã" or "Â" when UTF-8 bytes were read as Windows-1252: never in real Danish text.
const DOUBLE_ENCODED = /[\u00C3\u00C2][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;
const MOJIBAKE = new RegExp(`\uFFFD|${DOUBLE_ENCODED.source}`);

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  let end = text.indexOf('\n', index);
  if (end === -1) end = text.length;
  return text.slice(start, Math.min(end, start + EXCERPT_MAX)).replace(/\r$/, '');
}

export function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The first SNIFF_BYTES or more; `done` when that was all, else the chunk after them (read to find out). */
async function readHead(iterator: AsyncIterator<Uint8Array>): Promise<{ head: Uint8Array; done: boolean; after?: Uint8Array }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) return { head: Buffer.concat(parts, length), done: true };
    parts.push(next.value);
    length += next.value.length;
  }
  const after = await iterator.next();
  return { head: Buffer.concat(parts, length), done: after.done === true, ...(after.done ? {} : { after: after.value }) };
}

/** Bytes already in memory, as the byte stream a reader takes. */
export async function* inOneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * Where a text file comes from, for the hints of its refusals: a table of Statistics Denmark's can be exported
 * again; a file kept by people (a roster, a budget) or written by flis cannot, and is saved again instead.
 */
export type TextSource = 'dst' | 'other';

const HINTS: Record<TextSource, { empty: string; utf16: string; mojibake: string; mixed: string }> = {
  dst: {
    empty: 'Export the table again; an empty file has nothing to read.',
    utf16: 'Save it as "CSV UTF-8" or export it from Statistics Denmark again.',
    mojibake: 'Export the table from Statistics Denmark again and give flis the file as downloaded.',
    mixed: 'Export the table again, or save the whole file in one encoding (UTF-8).',
  },
  other: {
    empty: 'Check that the right file was given; an empty file has nothing to read.',
    utf16: 'Save it as "CSV UTF-8".',
    mojibake: 'Correct the characters marked, or save the file again from where it was made, as "CSV UTF-8".',
    mixed: 'Save the whole file in one encoding, as "CSV UTF-8".',
  },
};

export async function decodeText(file: string, bytes: AsyncIterable<Uint8Array>, source: TextSource = 'dst'): Promise<DecodedText> {
  const iterator = bytes[Symbol.asyncIterator]();
  const { head: headBytes, done, after } = await readHead(iterator);
  const hints = HINTS[source];

  if (headBytes.length === 0) {
    throw new InputError({ file, message: 'the file is empty', hint: hints.empty });
  }
  if ((headBytes[0] === 0xff && headBytes[1] === 0xfe) || (headBytes[0] === 0xfe && headBytes[1] === 0xff)) {
    throw new InputError({
      file,
      message: 'the file is UTF-16 (Excel "Unicode text"), which flis does not read',
      hint: hints.utf16,
    });
  }
  const nul = headBytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError({
      file,
      line: countNewlines(Buffer.from(headBytes.subarray(0, nul)).toString('latin1')) + 1,
      message: 'the file holds binary data (a NUL byte), not CSV text',
      hint: 'Check that the right file was given; a spreadsheet (.xlsx) must be saved as CSV first.',
    });
  }

  const bom = headBytes[0] === 0xef && headBytes[1] === 0xbb && headBytes[2] === 0xbf;
  // Exactly the first 64 KiB decide, however the bytes arrive: the verdict must not depend on chunk sizes.
  const encoding: TextEncoding = bom || isValidUtf8Prefix(headBytes.subarray(0, SNIFF_BYTES)) ? 'utf-8' : 'windows-1252';
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });

  let linesBefore = 0; // newlines in the text decoded so far, but for `uncounted`
  let uncounted = ''; // the chunk before, whose newlines are counted only once another chunk comes (or an error)
  let previousTail = ''; // the last character of the previous chunk, so a two-character pattern can straddle chunks
  /** Brings linesBefore up to date: a file read in one piece never has its newlines counted here. */
  const countUp = (): void => {
    if (uncounted !== '') linesBefore += countNewlines(uncounted);
    uncounted = '';
  };

  const check = (text: string): string => {
    countUp();
    const scanned = previousTail + text;
    const found = MOJIBAKE.exec(scanned);
    if (found) {
      const offset = found.index - previousTail.length;
      const line = linesBefore + countNewlines(text.slice(0, Math.max(0, offset))) + 1;
      throw new InputError({
        file,
        line,
        excerpt: lineAround(scanned, found.index),
        culprit: found[0],
        message:
          found[0] === '\uFFFD'
            ? 'the text holds U+FFFD replacement characters (mojibake): it was decoded with the wrong encoding before it was saved'
            : `the text is mojibake ("${found[0]}"): UTF-8 that was read as Latin-1 and saved again`,
        hint: hints.mojibake,
      });
    }
    uncounted = text;
    previousTail = text.slice(-1);
    return text;
  };

  /** The line within `chunk` of its first byte that is not UTF-8 (a sequence split off the chunk before is skipped). */
  const lineOfInvalidUtf8 = (chunk: Uint8Array): number => {
    countUp();
    let start = 0;
    while (start < 3 && start < chunk.length && (chunk[start]! & 0xc0) === 0x80) start++;
    const text = new TextDecoder('utf-8').decode(chunk.subarray(start));
    const bad = text.indexOf('\uFFFD');
    return linesBefore + countNewlines(text.slice(0, Math.max(0, bad))) + 1;
  };

  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new InputError({
        file,
        line: lineOfInvalidUtf8(chunk),
        message: 'the file is not valid UTF-8 here, though it starts as UTF-8: it mixes encodings',
        hint: hints.mixed,
      });
    }
  };

  const head = check(decode(headBytes, !done));

  async function* chunks(): AsyncGenerator<string> {
    if (head !== '') yield head;
    if (done) return;
    if (after) {
      const text = check(decode(after, true));
      if (text !== '') yield text;
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const text = check(decode(next.value, true));
      if (text !== '') yield text;
    }
    const rest = check(decode(new Uint8Array(0), false));
    if (rest !== '') yield rest;
  }

  return { encoding, bom, head, complete: done, chunks: chunks() };
}
