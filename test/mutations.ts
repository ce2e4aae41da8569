// Mutations of byte strings for fuzzing: delete, insert, overwrite, truncate or duplicate a stretch.

import fc from 'fast-check';

const SPECIAL = [';', ',', '"', '\n', '\r', '\t', '\0', '..', 'ø', 'Ã¸', '\uFFFD', 'I alt', '2024K1', 'Odense', '-', '=', ' '].map((t) => Buffer.from(t));

interface Mutation {
  readonly kind: 'delete' | 'insert' | 'overwrite' | 'truncate' | 'duplicate';
  readonly at: number;
  readonly length?: number;
  readonly bytes?: Uint8Array;
  readonly byte?: number;
}

/** A mutation of a byte string: delete, insert, overwrite, truncate or duplicate a stretch. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.constantFrom(...SPECIAL)) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }) }),
);

export function mutate(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = bytes;
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    switch (m.kind) {
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length!)]);
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes!), b.subarray(at)]);
        break;
      case 'overwrite':
        if (at < b.length) b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte!]), b.subarray(at + 1)]);
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'duplicate':
        b = Buffer.concat([b.subarray(0, at + m.length!), b.subarray(at)]);
        break;
    }
  }
  return b;
}

