// JSON inputs (tariff, config, provenance): a key given twice is refused, at any depth, at its line; JSON.parse
// alone would keep the last value silently.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKeys, parseJsonObject } from '../../src/readers/json.js';
import { problemsOf } from './read.js';

describe('duplicateKeys', () => {
  it('finds a key given twice at the top, with both lines', () => {
    expect(duplicateKeys('{\n  "price_per_citizen": "7.96",\n  "price_per_citizen": "3.98"\n}\n')).toEqual([{ path: ['price_per_citizen'], line: 3, firstLine: 2 }]);
  });

  it('at any depth, inside objects and arrays, naming the path', () => {
    const text = '{\n "seller": {\n  "address": { "city": "A",\n   "city": "B" } },\n "x": [ {"a": 1}, {"a": 2,\n "a": 3} ]\n}';
    expect(duplicateKeys(text)).toEqual([
      { path: ['seller', 'address', 'city'], line: 4, firstLine: 3 },
      { path: ['x', '1', 'a'], line: 6, firstLine: 5 },
    ]);
  });

  it('compares keys as JSON reads them: "\\u0061" is "a"', () => {
    expect(duplicateKeys('{"a": 1, "\\u0061": 2}')).toEqual([{ path: ['a'], line: 1, firstLine: 1 }]);
  });

  it('the same key in two objects, keys written in values, quotes and braces inside strings: no duplicate', () => {
    expect(duplicateKeys('{"a": {"b": 1}, "c": {"b": 2}}')).toEqual([]);
    expect(duplicateKeys('{"a": "b", "b": ["a", "a"], "c": "{\\"d\\": 1, \\"d\\": 2}", "\\"e": "\\\\", "e": 1}')).toEqual([]);
    expect(duplicateKeys('[{"a": 1}, {"a": 2}]')).toEqual([]);
  });

  it('finds nothing in what JSON.stringify writes, and each key repeated in it', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.boolean(), (object, pretty) => {
        const text = JSON.stringify(object, null, pretty ? 2 : undefined);
        expect(duplicateKeys(text)).toEqual([]);
        const [key, value] = Object.entries(object)[0]!;
        const twice = `${text.slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`;
        expect(duplicateKeys(twice).map((d) => d.path)).toEqual([[key]]);
      }),
      { numRuns: 200, seed: 18 },
    );
  });
});

describe('parseJsonObject', () => {
  it('refuses every key given twice, each at its line with the line shown', async () => {
    const text = '{\n  "roster": "a.csv",\n  "lang": "da",\n  "roster": "b.csv",\n  "lang": "en"\n}\n';
    const problems = await problemsOf(Promise.resolve().then(() => parseJsonObject('c.json', text, 'config file')));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'c.json', line: 4, excerpt: '  "roster": "b.csv",', message: '"roster" is given twice in the config file (first on line 2): JSON would keep the last silently' }),
      expect.objectContaining({ line: 5, message: expect.stringMatching(/^"lang" is given twice .*first on line 3/) }),
    ]);
  });
});
