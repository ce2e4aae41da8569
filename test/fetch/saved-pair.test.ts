// flis fetch saves the file and its provenance beside it, both or neither: where either cannot be written (a
// folder, a pipe in its place), nothing is, and with --out before Statistics Denmark is asked.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flis, temporaryFolder } from '../e2e/flis.js';
import { replayedStatbank } from './statbank-server.js';

const dst = replayedStatbank();

const fetchIn = (cwd: string, args: readonly string[]) =>
  flis(['fetch', 'population', '--year', '2024', ...args], { cwd, env: { FLIS_STATBANK_URL: dst.url, HTTP_PROXY: undefined, HTTPS_PROXY: undefined, http_proxy: undefined, https_proxy: undefined } });

describe('the file and its provenance: both or neither', () => {
  it('--out f/pop.csv with a folder f/pop.json: exit 2 before DST is asked, nothing written', async () => {
    const cwd = temporaryFolder();
    mkdirSync(join(cwd, 'f/pop.json'), { recursive: true });
    const result = await fetchIn(cwd, ['--out', 'f/pop.csv']);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe('flis: error: f/pop.json is a folder: the provenance of f/pop.csv is written there\n  Move f/pop.json away, or give --out another file name; nothing was written.\n');
    expect(readdirSync(join(cwd, 'f'))).toEqual(['pop.json']);
    expect(dst.received).toEqual([]);
  });

  it("the config's folder with a folder where the provenance goes: exit 2 once DST has answered, nothing written", async () => {
    const cwd = temporaryFolder();
    mkdirSync(join(cwd, 'data/FOLK1A-2024K1.json'), { recursive: true });
    const result = await fetchIn(cwd, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('data/FOLK1A-2024K1.json is a folder: the provenance of data/FOLK1A-2024K1.csv is written there');
    expect(readdirSync(join(cwd, 'data'))).toEqual(['FOLK1A-2024K1.json']);
    expect(dst.received.length).toBeGreaterThan(0);
  });

  it.each([['pop.csv'], ['pop.json']])('a pipe (FIFO) at %s: exit 2 before DST is asked, not a wait for a writer', async (name) => {
    const cwd = temporaryFolder();
    expect(spawnSync('mkfifo', [join(cwd, name)]).status).toBe(0);
    const result = await fetchIn(cwd, ['--out', 'pop.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${name} is a pipe (FIFO), not a file`);
    expect(readdirSync(cwd)).toEqual([name]);
    expect(dst.received).toEqual([]);
  }, 30_000);
});
