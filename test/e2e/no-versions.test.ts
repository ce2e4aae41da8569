// With no versions nothing changes (billing rules §11): every output of the scenario in no-versions.ts, byte for
// byte, is what flis wrote before tariff versions existed.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './flis.js';
import { outputDigests } from './no-versions.js';

const DIGESTS = join(ROOT, 'test/e2e/no-versions.digests.json');
const record = process.env.FLIS_RECORD_DIGESTS;

describe('today\'s tariffs, without versions', () => {
  it('give every invoice, e-invoice, settlement and income figure byte for byte as before versions', async () => {
    if (record) writeFileSync(DIGESTS, `${JSON.stringify(await outputDigests(record), null, 1)}\n`);
    const expected = JSON.parse(readFileSync(DIGESTS, 'utf8')) as Record<string, string>;
    expect(Object.keys(expected).length).toBeGreaterThan(300);
    expect(await outputDigests(BIN)).toEqual(expected);
  }, 600_000);
});
