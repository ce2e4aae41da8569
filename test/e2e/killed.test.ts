// A run killed with SIGKILL (kill -9, the OOM killer, a machine switched off) at every file operation that
// changes the disk: afterwards the folder holds the old state or the new, and the next run finishes the job.
// kill-at.mjs is loaded into the spawned flis with --import; it kills the process just before operation N.

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, flis, temporaryFolder } from './flis.js';

const KILL_AT = join(ROOT, 'test/e2e/kill-at.mjs');
const ROSTER = 'fixtures/roster/all-98-illustrative-ean-reference.csv'; // the shipped config's

type Snapshot = Record<string, string>;

/** The folder's files (and its e-invoice folder's) with their bytes; dot files (lock, temporaries) under their own key. */
function snapshot(folder: string): { files: Snapshot; hidden: string[] } {
  const names = existsSync(folder) ? readdirSync(folder) : [];
  const inner = names.includes('einvoices') ? readdirSync(join(folder, 'einvoices')).map((n) => `einvoices/${n}`) : [];
  const all = [...names.filter((n) => n !== 'einvoices'), ...inner];
  const hidden = (n: string) => n.split('/').pop()!.startsWith('.');
  return {
    files: Object.fromEntries(all.filter((n) => !hidden(n)).map((n) => [n, readFileSync(join(folder, n)).toString('base64')])),
    hidden: all.filter(hidden),
  };
}

interface ManifestEntry {
  readonly outputs: readonly { file: string; sha256: string }[];
}

/** The entries in force, checked as an auditor would: every file the manifest lists is there, byte for byte. */
function committedEntries(folder: string): number {
  const path = join(folder, 'manifest.json');
  if (!existsSync(path)) return 0;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { entries: ManifestEntry[] };
  for (const output of manifest.entries.flatMap((e) => e.outputs)) {
    const bytes = readFileSync(join(folder, output.file));
    expect(createHash('sha256').update(bytes).digest('hex'), output.file).toBe(output.sha256);
  }
  return manifest.entries.length;
}

// The issue date is given: a run and its rerun must not straddle midnight.
const h1 = (out: string, extra: readonly string[]) => ['invoice', '--period', 'H1', '--year', '2024', '--out', out, '--quiet', '--issue-date', '2024-02-15', ...extra];

async function operationsCounted(args: readonly string[]): Promise<number> {
  const count = join(mkdtempSync(join(tmpdir(), 'flis-count-')), 'count');
  const r = await flis(args, { nodeArgs: ['--import', KILL_AT], env: { FLIS_KILL_COUNT: count } });
  expect(r.code, r.stderr).toBe(0);
  return Number(readFileSync(count, 'utf8'));
}

/**
 * For every N: prepare a folder, kill `args` before its Nth operation, check the folder is in the state before
 * (`entriesBefore` committed) or after (one more, and every file as in the run that was not killed), then run
 * again and check it ends exactly as the run that was not killed.
 */
async function killAtEveryOperation(prepare: (out: string) => Promise<void>, extra: readonly string[], entriesBefore: number) {
  const reference = temporaryFolder();
  await prepare(reference);
  const before = snapshot(reference);
  const operations = await operationsCounted(h1(reference, extra));
  const after = snapshot(reference);
  expect(after.hidden).toEqual([]);
  expect(operations).toBeGreaterThan(10);

  const outcomes = { old: 0, new: 0 };
  for (let n = 1; n <= operations; n++) {
    const out = join(temporaryFolder(), 'run');
    await prepare(out);
    const killed = await flis(h1(out, extra), { nodeArgs: ['--import', KILL_AT], env: { FLIS_KILL_AT: String(n) } });
    expect(killed.signal, `operation ${n}: ${killed.stderr}`).toBe('SIGKILL');

    if (existsSync(out)) {
      const entries = committedEntries(out);
      expect([entriesBefore, entriesBefore + 1], `operation ${n}`).toContain(entries);
      const now = snapshot(out).files;
      if (entries === entriesBefore) {
        outcomes.old += 1;
        // Every file issued before is as it was; anything else here is not in the manifest, so not issued.
        for (const [name, bytes] of Object.entries(before.files)) expect(now[name], `operation ${n}: ${name}`).toBe(bytes);
      } else {
        outcomes.new += 1;
        expect(now, `operation ${n}`).toEqual(after.files);
      }
    } else {
      outcomes.old += 1;
      expect(entriesBefore, 'the folder is made before anything is issued in it').toBe(0);
    }

    const again = await flis(h1(out, extra), { env: { FLIS_LOCK_WAIT: '5' } });
    expect(again.code, `operation ${n}, run again: ${again.stderr}`).toBe(0);
    expect(snapshot(out), `operation ${n}, run again`).toEqual(after);
  }
  // Both outcomes were seen: the kill points span the commit.
  expect(outcomes.old).toBeGreaterThan(0);
  expect(outcomes.new).toBeGreaterThan(0);
}

describe('a run killed with SIGKILL before any file operation', () => {
  it('first issue with e-invoices: no e-invoice is issued without its invoices and manifest entry', async () => {
    const two = join(temporaryFolder(), 'roster.csv');
    // Odense and Aalborg, whose addresses flis has confirmed: their e-invoices can be written.
    writeFileSync(two, 'kommune;available_from;ean;reference\n461;2024-01-01;2000000461007;Økonomi FLIS 461\n851;2024-01-01;2000000851006;Økonomi FLIS 851\n');
    await killAtEveryOperation(async () => undefined, ['--roster', two, '--einvoice', 'oioubl'], 0);
  }, 120_000);

  it('first issue: no run folder, or a complete one; the next run finishes it', async () => {
    await killAtEveryOperation(async () => undefined, [], 0);
  }, 120_000);

  it('a correction (--supersede): the issued run, or the run with its correction; never an edited file', async () => {
    const lines = readFileSync(join(ROOT, ROSTER), 'utf8').trim().split('\n');
    const pilot = join(temporaryFolder(), 'roster.csv');
    writeFileSync(pilot, lines.map((l) => (l.startsWith('461;') ? '461;2024-01-01;2024-01-01;;2000000461007;Økonomi FLIS 461' : l)).join('\n') + '\n');
    const issued = temporaryFolder();
    expect((await flis(h1(issued, []))).code).toBe(0);
    await killAtEveryOperation(async (out) => cpSync(issued, out, { recursive: true }), ['--roster', pilot, '--supersede'], 1);
  }, 120_000);
});
