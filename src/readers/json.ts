// Small JSON files (tariff, config): parse errors and keys located by line, for errors that point at them.

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
  return value as Record<string, unknown>;
}
