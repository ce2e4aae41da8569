// The standards folder beside the repository holds the official schemas as published: every file there is
// listed in its SHA256SUMS with the SHA-256 it has, and the files the tests read are among them. The tests
// read no file of it that does not match (standards-folder.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PEPPOL_RULES, SKIPPED, STANDARDS_DIR, UBL_XSD, filesUnder, recordedSums, sha256, standardsPresent } from './standards-folder.js';

const check = standardsPresent ? it : (title: string, test: () => void) => it.skip(`${title} — ${SKIPPED}`, test);

describe('the standards folder: the official schemas, as published', () => {
  check('every file is listed in SHA256SUMS, and has the SHA-256 listed', () => {
    const sums = recordedSums();
    const files = filesUnder().filter((f) => f !== 'SHA256SUMS' && f !== 'SOURCES.md');
    expect([...sums.keys()].sort()).toEqual(files);
    for (const file of files) expect(sha256(readFileSync(join(STANDARDS_DIR, file))), file).toBe(sums.get(file));
  });

  check('it has what the tests read: the UBL 2.1 XSDs for Invoice and CreditNote, the Peppol rules of each version', () => {
    const sums = recordedSums();
    for (const file of [`${UBL_XSD}/maindoc/UBL-Invoice-2.1.xsd`, `${UBL_XSD}/maindoc/UBL-CreditNote-2.1.xsd`, ...Object.values(PEPPOL_RULES)]) expect(sums.has(file), file).toBe(true);
    expect(readFileSync(join(STANDARDS_DIR, 'SOURCES.md'), 'utf8')).toMatch(/SHA256SUMS/);
  });
});
