// Spawning the built flis (bin/flis.cjs → dist/) as a user would. `npm test` builds first.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

export function flis(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; nodeArgs?: readonly string[]; /** Another entry than bin/flis.cjs. */ bin?: string } = {},
): Promise<Result> {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, CI: undefined, FLIS_DEBUG: undefined, ...options.env };
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
