import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { link, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { acquireLock } from '../../src/writers/lock.js';
import { type FileOps } from '../../src/writers/output.js';
import { issueRun } from '../../src/writers/run-folder.js';
import { request, rowsFor } from './issue-request.js';

/** File operations that work until step `at`, and from then on fail, as a process killed there would. */
function killedAt(at: number): FileOps & { steps: () => number } {
  let steps = 0;
  const step = () => {
    steps++;
    if (steps >= at) throw Object.assign(new Error('killed'), { code: 'EKILLED' });
  };
  return {
    open: (async (...args: Parameters<typeof open>) => {
      step();
      return open(...args);
    }) as typeof open,
    rename: (async (...args: Parameters<typeof rename>) => {
      step();
      return rename(...args);
    }) as typeof rename,
    rm: (async () => {
      step();
    }) as unknown as typeof rm,
    link: (async (...args: Parameters<typeof link>) => {
      step();
      return link(...args);
    }) as typeof link,
    steps: () => steps,
  };
}

const deadPid = (() => {
  const r = spawnSync('true');
  return r.pid!;
})();

/** A killed process leaves its temporaries under its own, dead, pid. */
function asLeftByDeadProcess(folder: string): void {
  for (const name of readdirSync(folder)) {
    const m = new RegExp(`^(\\..+)\\.${process.pid}\\.tmp$`).exec(name);
    if (m) renameSync(join(folder, name), join(folder, `${m[1]}.${deadPid}.tmp`));
  }
}

/** The state the manifest says: each run's outputs with hashes that match the files. */
function committed(folder: string): { entries: number; consistent: boolean } {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  } catch {
    return { entries: 0, consistent: true };
  }
  const consistent = manifest.entries.every((e: { outputs: { file: string; sha256: string }[] }) =>
    e.outputs.every((o) => createHash('sha256').update(readFileSync(join(folder, o.file))).digest('hex') === o.sha256),
  );
  return { entries: manifest.entries.length, consistent };
}

const folder = () => mkdtempSync(join(tmpdir(), 'flis-commit-'));

describe('killing a run at any step leaves the old state or the new', () => {
  const total = (() => {
    const ops = killedAt(Number.POSITIVE_INFINITY);
    return issueRun(request(folder()), ops).then(() => ops.steps());
  })();

  it('first issue', async () => {
    const steps = await total;
    // Three files opened, two linked and the manifest renamed (step 6, the commit), three temporaries cleared.
    expect(steps).toBe(9);
    const commit = 6;
    for (let at = 1; at <= steps; at++) {
      const dir = folder();
      await expect(issueRun(request(dir), killedAt(at))).rejects.toThrow();
      asLeftByDeadProcess(dir);
      const state = committed(dir);
      expect(state.consistent, `killed at step ${at}`).toBe(true);
      expect(state.entries, `killed at step ${at}`).toBe(at > commit ? 1 : 0);
      // the next run finishes the job (or finds it done), and leaves no temporaries
      const outcome = await issueRun(request(dir));
      expect(['issued', 'unchanged']).toContain(outcome.kind);
      expect(committed(dir)).toEqual({ entries: 1, consistent: true });
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  });

  it('a correction', async () => {
    for (let at = 1; at <= 6; at++) {
      const dir = folder();
      await issueRun(request(dir));
      const issued = readFileSync(join(dir, 'invoices-2024-H1.csv'));
      const corrected = request(dir, { rows: rowsFor('2024-01-01'), supersede: true });
      await expect(issueRun(corrected, killedAt(at))).rejects.toThrow();
      asLeftByDeadProcess(dir);
      const state = committed(dir);
      expect(state.consistent, `killed at step ${at}`).toBe(true);
      expect(readFileSync(join(dir, 'invoices-2024-H1.csv')).equals(issued)).toBe(true);
      const outcome = await issueRun(corrected);
      expect(['corrected', 'unchanged']).toContain(outcome.kind);
      expect(committed(dir)).toEqual({ entries: 2, consistent: true });
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  });
});

describe('a full disk or a read-only folder', () => {
  const failing = (code: string): FileOps => ({
    open: (async () => {
      throw Object.assign(new Error(code), { code });
    }) as unknown as typeof open,
    rename,
    rm,
    link,
  });

  it.each([
    ['ENOSPC', /the disk is full/],
    ['EROFS', /read-only file system/],
    ['EACCES', /no permission to write/],
  ])('%s: a clear error, and nothing written', async (code, message) => {
    const dir = folder();
    const error = await issueRun(request(dir), failing(code)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    // flis einvoice DIR writes into a run folder too, and has no --out: the hint may not send anyone to one
    expect((error as UsageError).hint).toMatch(/nothing was written\.$/);
    expect((error as UsageError).hint).not.toMatch(/--out/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('taking the lock in a folder that cannot be written is the same clear error, not a crash', async () => {
    const notAFolder = join(folder(), 'invoices');
    writeFileSync(notAFolder, 'a file where the run folder should be');
    const error = await acquireLock(notAFolder, { waitMs: 0, now: () => new Date() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`cannot write ${join(notAFolder, '.flis.lock')}: ${notAFolder} is a file, not a folder`);
  });
});
