// Small JSON files (tariff, config, provenance): parse errors, keys given twice and keys located by line, for
// errors that point at them.

import { InputError, type InputProblem } from '../errors.js';
import { countNewlines } from './text.js';

export function lineOfOffset(text: string, offset: number): number {
  return countNewlines(text.slice(0, offset)) + 1;
}

/**
 * The line on which a key stands: `"key"` as an object key, or for a path (["seller", "address", "city"]) each
 * key found after the one before it. Undefined when not found.
 */
export function lineOfKey(text: string, key: string | readonly string[]): number | undefined {
  let offset = 0;
  for (const part of typeof key === 'string' ? [key] : key) {
    const pattern = new RegExp(`"${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (!match) return undefined;
    offset = match.index;
  }
  return lineOfOffset(text, offset);
}

export function excerptAt(text: string, line: number): string {
  return (text.split(/\r?\n/)[line - 1] ?? '').slice(0, 200);
}

/** A problem with the value of `key` (or of a key path), at the line where the key stands and with that line shown. */
export function keyProblem(file: string, text: string, key: string | readonly string[], message: string, hint?: string): InputProblem {
  const line = lineOfKey(text, key);
  return { file, line, excerpt: line ? excerptAt(text, line) : undefined, message, hint };
}

/** Parses a JSON object; a syntax error or a non-object is an InputError (or what `fail` makes of it). */
export function parseJsonObject(file: string, text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? lineOfOffset(text, Number(position[1])) : undefined;
    throw new InputError({
      file,
      line,
      excerpt: line ? excerptAt(text, line) : undefined,
      message: `the ${what} is not valid JSON: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/^[A-Z]/, (c) => c.toLowerCase())}`,
      hint: `Check the ${what}'s commas, quotes and braces.`,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError({ file, line: 1, message: `the ${what} must be a JSON object ({ … })` });
  }
  const twice = duplicateKeys(text);
  if (twice.length > 0) {
    throw new InputError(
      twice.map(({ path, line, firstLine }) => ({
        file,
        line,
        excerpt: excerptAt(text, line),
        message: `"${path.join('.')}" is given twice in the ${what} (first on line ${firstLine}): JSON would keep the last silently`,
        hint: `Give each key once; remove the ${what}'s line that is wrong.`,
      })),
    );
  }
  return value as Record<string, unknown>;
}

/** A key given twice in one object: where (its path from the top, e.g. ["seller", "cvr"]), and where first. */
export interface DuplicateKey {
  readonly path: readonly string[];
  readonly line: number;
  readonly firstLine: number;
}

/**
 * The keys given more than once in the same object, at any depth, which JSON.parse accepts silently by keeping
 * the last. `text` must be valid JSON (JSON.parse it first): then a string never holds a line break, and every
 * string after "{" or "," inside an object is a key. Keys compare as JSON reads them ("\u0061" is "a").
 */
export function duplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  scanKeys(text, (path, line, firstLine) => {
    if (firstLine !== undefined) found.push({ path, line, firstLine });
  });
  return found;
}

/**
 * Where each key stands: the line of the first occurrence of every key path, array items by index
 * (["versions", "1", "price_per_citizen"]), joined with ".". `text` must be valid JSON.
 */
export function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  scanKeys(text, (path, line, firstLine) => {
    if (firstLine === undefined) lines.set(path.join('.'), line);
  });
  return lines;
}

/** Calls `onKey` for every key of every object in valid JSON text, with its path, its line, and the line of an earlier same key in the same object. */
function scanKeys(text: string, onKey: (path: readonly string[], line: number, firstLine: number | undefined) => void): void {
  interface Container {
    /** An object's keys so far, with their lines; undefined for an array. */
    readonly keys?: Map<string, number>;
    readonly path: readonly string[];
    /** An array's index of the value being read. */
    index: number;
  }
  const open: Container[] = [];
  let line = 1;
  let keyNext = false;
  let lastKey = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
    } else if (c === 0x22) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      const inside = open[open.length - 1];
      if (keyNext && inside?.keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const first = inside.keys.get(key);
        if (first === undefined) inside.keys.set(key, line);
        onKey([...inside.path, key], line, first);
        lastKey = key;
        keyNext = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      const inside = open[open.length - 1];
      const path = inside === undefined ? [] : [...inside.path, inside.keys ? lastKey : `${inside.index}`];
      if (c === 0x7b && inside && !inside.keys) onKey(path, line, undefined);
      open.push(c === 0x7b ? { keys: new Map(), path, index: 0 } : { path, index: 0 });
      keyNext = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
    } else if (c === 0x2c) {
      const inside = open[open.length - 1];
      if (inside?.keys) keyNext = true;
      else if (inside) inside.index++;
    }
  }
}
