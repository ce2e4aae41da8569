// Where the official e-invoice schemas are: beside the repository, not in it. The folder holds the published
// files unmodified (the OASIS UBL 2.1 XSDs, the Peppol BIS Billing 3.0 rules as .sch) with SOURCES.md and
// SHA256SUMS; every developer and CI has it. FLIS_STANDARDS_DIR names another place.
//
// Without the folder the tests that need it are skipped, and say so: never silently.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** FLIS_STANDARDS_DIR, or the shared folder beside the repository. */
export const STANDARDS_DIR = process.env.FLIS_STANDARDS_DIR ? resolve(process.env.FLIS_STANDARDS_DIR) : resolve(ROOT, '..', 'shared', 'standards');

/** The files the tests read, each of which SHA256SUMS must list. */
export const PEPPOL_RULES = { '3.0.21': 'peppol-bis-3.0.21/PEPPOL-EN16931-UBL.sch', '3.0.19': 'peppol-bis-3.0.19/PEPPOL-EN16931-UBL.sch' } as const;
export type PeppolVersion = keyof typeof PEPPOL_RULES;
export const UBL_XSD = 'oasis-ubl-2.1';

export const SKIPPED = process.env.FLIS_STANDARDS_DIR
  ? `SKIPPED: the standards folder FLIS_STANDARDS_DIR=${STANDARDS_DIR} has no SHA256SUMS (by default it is ../shared/standards)`
  : `SKIPPED: ../shared/standards not found (set FLIS_STANDARDS_DIR): no ${join(STANDARDS_DIR, 'SHA256SUMS')}`;

/** Whether the folder is there (it has its SHA256SUMS). Said once on stderr when it is not. */
export const standardsPresent = existsSync(join(STANDARDS_DIR, 'SHA256SUMS'));
if (!standardsPresent) console.warn(`${SKIPPED}; the XSD and Peppol schematron tests do not run.`);

/** SHA256SUMS: file (relative to the folder, as `sha256sum` writes it) → SHA-256. */
export function recordedSums(): Map<string, string> {
  const sums = new Map<string, string>();
  readFileSync(join(STANDARDS_DIR, 'SHA256SUMS'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .forEach((line, i) => {
      const match = /^([0-9a-f]{64}) [ *](?:\.\/)?(.+)$/.exec(line);
      if (!match) throw new Error(`${join(STANDARDS_DIR, 'SHA256SUMS')}:${i + 1}: not a sha256sum line: ${line}`);
      sums.set(match[2]!, match[1]!);
    });
  return sums;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under the folder, relative to it, sorted. */
export function filesUnder(): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? walk(path) : [relative(STANDARDS_DIR, path)];
    });
  return walk(STANDARDS_DIR).sort();
}

const checked = new Set<string>();

/** A file of the folder, read only if its SHA-256 is the one SHA256SUMS records for it. */
export function standardFile(file: string): Buffer {
  const bytes = readFileSync(join(STANDARDS_DIR, file));
  if (!checked.has(file)) {
    const recorded = recordedSums().get(file);
    if (recorded === undefined) throw new Error(`${file} is not listed in ${join(STANDARDS_DIR, 'SHA256SUMS')}`);
    if (sha256(bytes) !== recorded) throw new Error(`${join(STANDARDS_DIR, file)} is not the published file: its SHA-256 is ${sha256(bytes)}, SHA256SUMS records ${recorded}`);
    checked.add(file);
  }
  return bytes;
}
