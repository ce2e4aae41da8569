// Outputs that are not files, and outputs that cannot be written. A report's --out is a regular file (or -, for
// stdout): a device, a pipe or a socket is refused before anything is read (flis compares a report with what
// stands there, and a pipe's read waits for a writer, /dev/full's never ends). A full disk, under stdout or stderr
// too, is exit 2 (an output that cannot be written), never a bug.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, type Result, flis, TEST_TODAY, temporaryFolder } from './flis.js';

const FULL = '/dev/full';
const hasFull = existsSync(FULL) && statSync(FULL).isCharacterDevice();

/**
 * flis with stdout and stderr each a pipe or a file opened for writing (such as /dev/full); killed after
 * `limitMs` (the result then has its signal), so that a flis that would hang fails the test instead.
 */
function flisTo(args: readonly string[], outputs: { stdout?: string; stderr?: string; cwd?: string }, limitMs = 30_000): Promise<Result> {
  const fds = [outputs.stdout, outputs.stderr].map((path) => (path === undefined ? 'pipe' : openSync(path, 'w')));
  const env = { ...process.env, FLIS_TODAY: TEST_TODAY };
  for (const key of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'FLIS_DEBUG']) delete env[key];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: outputs.cwd ?? ROOT, env, stdio: ['ignore', fds[0]!, fds[1]!] });
  for (const fd of fds) if (typeof fd === 'number') closeSync(fd);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr, ...(signal ? { signal } : {}) });
    }),
  );
}

const exit = ['exit', '--lang', 'en', '--kommune', 'Odense', '--date', '2027-01-01'];

describe("a report's --out that is not a file", () => {
  it('flis exit --out /dev/stdout | cat: exit 2, not a hang', async () => {
    // A shell's pipe (a FIFO), flis's exit code said on stderr after its own messages.
    const r = await new Promise<Result>((done) => {
      const shell = spawn('sh', ['-c', '{ "$0" "$@"; echo "exit $?" >&2; } | cat', process.execPath, BIN, ...exit, '--out', '/dev/stdout'], {
        cwd: ROOT,
        detached: true,
        env: { ...process.env, FLIS_TODAY: TEST_TODAY },
      });
      let stdout = '';
      let stderr = '';
      shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => process.kill(-shell.pid!, 'SIGKILL'), 30_000); // the shell and flis with it
      shell.on('close', (code, signal) => (clearTimeout(timer), done({ code: code ?? -1, stdout, stderr, ...(signal ? { signal } : {}) })));
    });
    expect([r.signal, r.stdout]).toEqual([undefined, '']);
    expect(r.stderr).toBe(
      'flis: error: /dev/stdout is a pipe (FIFO), not a file: --out names the file the report is written to\n' +
        '  Give --out the name of a file, or leave --out out (or give --out -) to write the report to stdout; nothing was written.\n' +
        'exit 2\n',
    );
  });

  it('--out /dev/stdout as a socket (how Node and many supervisors hand out stdout): exit 2 as well', async () => {
    const r = await flisTo([...exit, '--out', '/dev/stdout'], {});
    expect([r.signal, r.code, r.stdout]).toEqual([undefined, 2, '']);
    expect(r.stderr).toMatch(/^flis: error: \/dev\/stdout is a socket, not a file: --out names the file the report is written to\n/);
  });

  it('--out a FIFO: exit 2, and the FIFO is left as it was', async () => {
    const cwd = temporaryFolder();
    const fifo = join(cwd, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await flisTo(['revenue', '--out', fifo], {});
    expect([r.signal, r.code]).toEqual([undefined, 2]);
    expect(r.stderr).toMatch(/^flis: error: \S+report.fifo is a pipe \(FIFO\), not a file: --out names the file the report is written to\n/);
    expect(readdirSync(cwd)).toEqual(['report.fifo']);
    expect(statSync(join(cwd, 'report.fifo')).isFIFO()).toBe(true);
  });

  it.skipIf(!hasFull)('--out /dev/full: exit 2 at once, nothing read from it', async () => {
    const r = await flisTo(['revenue', '--out', FULL], {});
    expect([r.signal, r.code]).toEqual([undefined, 2]);
    expect(r.stderr).toMatch(/^flis: error: \/dev\/full is a character device, not a file: --out names the file the report is written to\n/);
  });

  it('--out - writes the report to stdout, as without --out', async () => {
    const [dash, none] = await Promise.all([flis([...exit, '--out', '-']), flis(exit)]);
    expect(dash.code).toBe(0);
    expect(dash.stdout).toBe(none.stdout);
    expect(dash.stdout).toContain('Odense');
    expect(existsSync(join(ROOT, '-'))).toBe(false);
  });
});

describe.skipIf(!hasFull)('stdout or stderr on a full disk', () => {
  it.each([
    [['invoice', '--period', 'H1', '--year', '2024', '--json']],
    [[...exit, '--format', 'csv']],
    [['revenue']],
    [['check', '--year', '2024']],
  ])('flis %j > /dev/full: exit 2, saying so on stderr (was exit 3, a bug)', async (args) => {
    const r = await flisTo(args, { stdout: FULL });
    expect(r.code).toBe(2);
    // (flis check's warnings come first)
    expect(r.stderr).toMatch(/(^|\n)flis: error: cannot write to stdout: the disk is full\n  What flis wrote to stdout is incomplete: free some space, or send stdout to another file, and run the command again.\n$/);
  });

  it('2> /dev/full: a run that would end with 0 ends with 2; an error keeps its own exit code', async () => {
    const out = join(temporaryFolder(), 'run');
    const issued = await flisTo(['invoice', '--period', 'H1', '--year', '2024', '--out', out], { stderr: FULL });
    expect(issued.code).toBe(2);
    // The issue itself is whole: the message about it is what was lost.
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries).toHaveLength(1);
    const usage = await flisTo(['invoice', '--period', 'X'], { stderr: FULL });
    expect(usage.code).toBe(2);
    const input = await flisTo(['invoice', '--period', 'H1', '--year', '2024', '--roster', 'fixtures/errors/roster-unknown-municipality.csv'], { stderr: FULL });
    expect(input.code).toBe(1);
    const quiet = await flisTo(['invoice', '--period', 'H1', '--year', '2024'], { stderr: FULL });
    expect([quiet.code, quiet.stdout.length > 0]).toEqual([0, true]);
  });
});

describe('inputs that are not what they say, read without end', () => {
  it('a FIFO as a run folder\'s manifest.json: refused at once (exit 1), not waited on', async () => {
    const out = join(temporaryFolder(), 'run');
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', out, '--quiet'])).code).toBe(0);
    rmSync(join(out, 'manifest.json'));
    expect(spawnSync('mkfifo', [join(out, 'manifest.json')]).status).toBe(0);
    for (const args of [['verify', out], ['exit', '--kommune', '461', '--date', '2024-05-01', '--invoices', out], ['invoice', '--period', 'H1', '--year', '2024', '--out', out]]) {
      const r = await flisTo(args, {}, 20_000);
      expect(r.signal, args.join(' ')).toBeUndefined();
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stdout + r.stderr).toContain('manifest.json: the manifest is not a file, not the file flis wrote'); // verify lists its problems on stdout
    }
  });

  it('a tariff or config file of gigabytes: refused unread (exit 2), not read into memory', async () => {
    const folder = temporaryFolder();
    const big = join(folder, 'big.json');
    truncateSync(openAndClose(big), 3 * 1024 ** 3); // sparse: takes no room on disk
    for (const [option, what] of [['--tariff', 'tariff file'], ['--config', 'config file']] as const) {
      const r = await flisTo(['invoice', '--period', 'H1', '--year', '2024', option, big], {}, 20_000);
      expect(r.signal).toBeUndefined();
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`the ${what} ${big} is 3072.0 MB: a ${what} is a few hundred bytes, so this is not one`);
    }
  });
});

function openAndClose(path: string): string {
  closeSync(openSync(path, 'w'));
  return path;
}
