// flis on a real terminal: a pseudo-terminal made by `script` (util-linux), with stdout or stderr sent elsewhere
// by the shell, as an operator would. What the terminal showed is what `script` passes on.

import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, temporaryFolder } from './flis.js';

const SCRIPT = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!SCRIPT) console.warn('test/e2e/terminal.test.ts: skipped: `script` (util-linux) is not installed, so no pseudo-terminal can be made');

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `flis ARGS REDIRECTS` in a shell on a pseudo-terminal of 80 columns; what the terminal showed, and the exit code. */
function onTerminal(args: readonly string[], redirects: string, env: Record<string, string> = {}): Promise<{ code: number; screen: string }> {
  const base: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, CI: undefined, TERM: 'xterm', ...env };
  for (const key of Object.keys(base)) if (base[key] === undefined) delete base[key];
  const command = `stty cols 80 rows 24; ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')} ${redirects}`;
  return new Promise((done) => {
    execFile('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: base as NodeJS.ProcessEnv }, (error, stdout) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, screen: stdout });
    });
  });
}

const RED = '\x1b[31m\x1b[1mflis: error:\x1b[22m\x1b[39m';
const BAD = ['invoice', '--period', 'X', '--year', '2024'];

describe.skipIf(!SCRIPT)('colour on a terminal follows the stream it is written to', () => {
  it('an error on stderr is red on the terminal while stdout goes to a file', async () => {
    const out = join(temporaryFolder(), 'out.csv');
    const { code, screen } = await onTerminal(BAD, `> ${quote(out)}`);
    expect(code).toBe(2);
    expect(screen).toContain(`${RED} unknown --period "X"`);
    expect(readFileSync(out, 'utf8')).toBe('');
  });

  it('an error sent to a file is plain, though stdout is the terminal', async () => {
    const err = join(temporaryFolder(), 'err.txt');
    const { code, screen } = await onTerminal(BAD, `2> ${quote(err)}`);
    expect(code).toBe(2);
    expect(screen).toBe('');
    expect(readFileSync(err, 'utf8')).toMatch(/^flis: error: unknown --period "X"\n/);
  });

  it('FORCE_COLOR=1 colours an error sent to a file', async () => {
    const err = join(temporaryFolder(), 'err.txt');
    await onTerminal(BAD, `2> ${quote(err)}`, { FORCE_COLOR: '1' });
    expect(readFileSync(err, 'utf8')).toContain(RED);
  });

  it.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }, false],
    ['NO_COLOR= (empty: not set)', { NO_COLOR: '' }, true],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }, false],
    ['CI=true', { CI: 'true' }, false],
    ['CI=false', { CI: 'false' }, true],
    ['TERM=dumb', { TERM: 'dumb' }, false],
  ])('%s on the terminal', async (_, env, coloured) => {
    const { code, screen } = await onTerminal(BAD, '> /dev/null', env);
    expect(code).toBe(2);
    expect(screen).toContain('unknown --period "X"');
    expect(screen.includes('\x1b[')).toBe(coloured);
  });

  it('the spinner on stderr is cyan while stdout goes to a file, and the table is plain', async () => {
    const out = join(temporaryFolder(), 'out.txt');
    const { code, screen } = await onTerminal(['invoice', '--period', 'H1', '--year', '2024'], `> ${quote(out)}`);
    expect(code).toBe(0);
    expect(screen).toMatch(/\x1b\[36m.\x1b\[39m Reading fixtures\/dst\//);
    expect(readFileSync(out, 'utf8')).toMatch(/Odense/);
    expect(readFileSync(out, 'utf8')).not.toContain('\x1b');
  });
});

describe.skipIf(!SCRIPT)('a workbook (--format xlsx) and the terminal', () => {
  const XLSX = ['exit', '--kommune', 'Odense', '--date', '2027-01-01', '--format', 'xlsx'];

  it('is not written to a terminal: a usage error before anything is read, saying to give --out', async () => {
    const { code, screen } = await onTerminal(XLSX, '');
    expect(code).toBe(2);
    expect(screen).toContain('the workbook is not written to a terminal');
    expect(screen).toContain('Give --out FILE (for example --out exit.xlsx), or send stdout to a file or a program (> exit.xlsx).');
    expect(screen).not.toContain('PK');
  });

  it('is written when stdout is a file, or with --out, while stderr is the terminal', async () => {
    const folder = temporaryFolder();
    const redirected = await onTerminal(XLSX, `> ${quote(join(folder, 'a.xlsx'))}`);
    expect(redirected.code).toBe(0);
    const out = await onTerminal([...XLSX, '--out', join(folder, 'b.xlsx')], '');
    expect(out.code).toBe(0);
    expect(readFileSync(join(folder, 'a.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readFileSync(join(folder, 'a.xlsx')).equals(readFileSync(join(folder, 'b.xlsx')))).toBe(true);
  });
});

describe('flis completion bash, as a user loads it', () => {
  it('source <(flis completion bash) completes flis', async () => {
    const run = `source <(${quote(process.execPath)} ${quote(BIN)} completion bash) && COMP_WORDS=(flis invoice --period '') COMP_CWORD=3 && _flis && echo "\${COMPREPLY[*]}"`;
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', run], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toBe('H1 H2 DEC\n');
  });
});
