import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/readers/text.js';
import { inChunks } from './read.js';

async function decoded(bytes: Uint8Array, size: number): Promise<{ complete: boolean; head: string; whole: string }> {
  const text = await decodeText('t.csv', inChunks(bytes, () => size));
  let whole = '';
  for await (const chunk of text.chunks) whole += chunk;
  return { complete: text.complete, head: text.head, whole };
}

describe('decodeText', () => {
  // 100,000 characters, with a two-byte character split across every chunk boundary of odd sizes.
  const text = 'Område;ø\n'.repeat(10_000);
  const bytes = Buffer.from(text, 'utf8');

  it('says the head is the whole text when the bytes came to an end in it, at any size of the file', async () => {
    expect(await decoded(bytes, bytes.length)).toEqual({ complete: true, head: text, whole: text });
    const small = Buffer.from('OMRÅDE;TID;INDHOLD\n');
    expect(await decoded(small, 3)).toMatchObject({ complete: true, head: 'OMRÅDE;TID;INDHOLD\n' });
  });

  it('says it is not when more bytes came after the head, and gives them all, in order, in the chunks', async () => {
    for (const size of [4099, 65_536, 70_001]) {
      const read = await decoded(bytes, size);
      expect(read.complete).toBe(false);
      expect(read.whole).toBe(text);
      expect(text.startsWith(read.head)).toBe(true);
    }
  });
});
