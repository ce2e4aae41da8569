// Spawning the built flis (bin/flis.cjs → dist/) as a user would. `npm test` builds first.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MUNICIPALITY_PARTIES } from '../../src/documents/municipality-parties.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/flis.cjs');

if (!existsSync(join(ROOT, 'dist/main.js'))) {
  throw new Error('dist/ is not built: run `npm test` (which builds), or `npm run build` first');
}

export interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The signal that ended it, if one did. */
  readonly signal?: string;
}

/**
 * The day the e2e tests run flis on (FLIS_TODAY), unless a test gives another (or undefined, for the clock): a day
 * on which the shipped population (newest figure 1 January 2024) is as new as Statistics Denmark has published,
 * so that no test depends on the machine's date through the stale-population warning.
 */
export const TEST_TODAY = '2024-06-01';

export function flis(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; nodeArgs?: readonly string[]; /** Another entry than bin/flis.cjs. */ bin?: string } = {},
): Promise<Result> {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, CI: undefined, FLIS_DEBUG: undefined, FLIS_TODAY: TEST_TODAY, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((done) => {
    execFile(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? BIN, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr, ...(error?.signal ? { signal: error.signal } : {}) });
    });
  });
}

export function temporaryFolder(): string {
  return mkdtempSync(join(tmpdir(), 'flis-test-'));
}

/** The shipped roster: every municipality, with an illustrative EAN and reference. */
export const SHIPPED_ROSTER = 'fixtures/roster/all-98-illustrative-ean-reference.csv';

/**
 * Roster lines (the header first) with the invoice address columns added: for each municipality whose address
 * flis has not confirmed, a TEST address (Prøvevej 1, 9999 Prøveby: not theirs, and no real postal code), so that
 * e-invoices can be written for all 98 in the tests; empty for the others, whose confirmed address is used.
 */
export function withTestAddresses(lines: readonly string[]): string[] {
  const [header, ...rest] = lines;
  const unconfirmed = new Set([...MUNICIPALITY_PARTIES.values()].filter((p) => !p.addressVerified).map((p) => p.code));
  return [`${header};street;building_number;postal_code;city`, ...rest.map((line) => `${line};${unconfirmed.has(line.split(';')[0]!) ? 'Prøvevej;1;9999;Prøveby' : ';;;'}`)];
}

/** The shipped roster with test addresses (withTestAddresses), written once to a temporary file. */
export const addressedRoster = (() => {
  let path: string | undefined;
  return (): string => {
    if (!path) {
      path = join(temporaryFolder(), 'roster-with-addresses.csv');
      writeFileSync(path, `${withTestAddresses(readFileSync(join(ROOT, SHIPPED_ROSTER), 'utf8').trim().split('\n')).join('\n')}\n`);
    }
    return path;
  };
})();

/** Every file under a folder (one level of subfolders) with its bytes, to show what changed and what did not. */
export function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) for (const inner of readdirSync(join(folder, entry.name))) files[`${entry.name}/${inner}`] = readFileSync(join(folder, entry.name, inner)).toString('base64');
    else files[entry.name] = readFileSync(join(folder, entry.name)).toString('base64');
  }
  return files;
}
