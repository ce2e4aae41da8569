// flis completion bash|zsh: the scripts are made from the program (cli.ts), and run here in the shells themselves:
// bash through COMP_WORDS/COMP_CWORD and the completion function, zsh (where installed) on a pseudo-terminal
// (zpty) with TAB pressed, recording what compadd is given.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Argument, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMPLETION_VALUES, buildProgram } from '../../src/cli.js';
import { SHELLS, bashScript, commandSpecs, zshScript } from '../../src/commands/completion.js';
import type { CommandContext } from '../../src/commands/context.js';
import { DIALECTS } from '../../src/documents/dialect.js';
import { EINVOICE_FORMATS } from '../../src/documents/einvoice-formats.js';
import { RUNS } from '../../src/engine/runs.js';
import { main } from '../../src/main.js';
import { LANGS } from '../../src/texts/format.js';
import { EXIT_FORMATS } from '../../src/commands/exit.js';
import { REVENUE_OUTPUT_FORMATS } from '../../src/commands/revenue.js';

const ROOT = resolve(import.meta.dirname, '../..');

function context(cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    cwd,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text), isTTY: false } as unknown as NodeJS.WriteStream,
    env: { FLIS_STATBANK_URL: 'http://127.0.0.1:9/v1' },
    now: () => new Date(2024, 2, 1, 12),
    today: () => ({ year: 2024, month: 3, day: 1 }),
    version: '0.0.0-test',
  };
  return { ctx, stdout: () => out.join(''), stderr: () => err.join('') };
}

const program = () => buildProgram(context().ctx, () => undefined);
const folder = (): string => mkdtempSync(join(tmpdir(), 'flis-test-'));

/** The fixed set of values `flis completion` offers for an option (--period) or argument (<what>) of a command. */
function offered(command: string, name: string): readonly string[] | undefined {
  const c = program().commands.find((x) => x.name() === command)!;
  const item: Option | Argument | undefined = c.options.find((o) => o.long === name) ?? c.registeredArguments.find((a) => a.name() === name);
  return item ? COMPLETION_VALUES.get(item) : undefined;
}

describe('the values offered are the values flis takes', () => {
  it.each([
    ['invoice', '--period', RUNS],
    ['invoice', '--dialect', DIALECTS],
    ['exit', '--dialect', DIALECTS],
    ['revenue', '--dialect', DIALECTS],
    ['invoice', '--einvoice', [...EINVOICE_FORMATS, 'none']],
    ['einvoice', '--einvoice', EINVOICE_FORMATS],
    ['exit', '--format', EXIT_FORMATS],
    ['revenue', '--format', REVENUE_OUTPUT_FORMATS],
    ...(['invoice', 'exit', 'revenue', 'check'] as const).map((c) => [c, '--lang', LANGS] as const),
    ['completion', 'shell', Object.keys(SHELLS)],
  ])('flis %s %s', (command, name, values) => {
    expect(offered(command, name)).toEqual(values);
  });

  it('revenue --by: each value offered is taken, and another is refused', async () => {
    expect(offered('revenue', '--by')).toEqual(['year', 'kommune']);
    for (const by of offered('revenue', '--by')!) {
      const r = context();
      expect(await main(['revenue', '--by', by, '--from', '2024', '--to', '2024', '--json'], r.ctx), r.stderr()).toBe(0);
    }
    const bogus = context();
    expect(await main(['revenue', '--by', 'month', '--from', '2024', '--to', '2024', '--json'], bogus.ctx)).toBe(2);
    expect(bogus.stderr()).toMatch(/unknown --by "month"/);
  });

  it('fetch WHAT: each value offered is taken (flis goes on to check --timeout), and another is refused', async () => {
    expect(offered('fetch', 'what')).toEqual(['population', 'projection']);
    for (const what of offered('fetch', 'what')!) {
      const r = context(folder());
      expect(await main(['fetch', what, '--timeout', '0'], r.ctx)).toBe(2);
      expect(r.stderr()).toMatch(/^flis: error: --timeout 0 is out of range/);
    }
    const bogus = context(folder());
    expect(await main(['fetch', 'budget'], bogus.ctx)).toBe(2);
    expect(bogus.stderr()).toMatch(/flis fetch budget: unknown/);
  });

  it('every command is in the scripts, with every option it has (as `flis CMD --help` lists them)', () => {
    const spec = commandSpecs(program());
    expect(spec.commands.map((c) => c.name)).toEqual([...COMMANDS, 'help']);
    const invoice = spec.commands.find((c) => c.name === 'invoice')!;
    const help = program().commands.find((c) => c.name() === 'invoice')!.helpInformation();
    for (const o of invoice.options) for (const name of o.names) expect(help).toContain(name);
    expect(invoice.options.flatMap((o) => o.names)).toContain('--issue-date');
  });
});

describe('flis completion, run', () => {
  it('bash and zsh: the script on stdout, exit 0; another shell is a usage error', async () => {
    for (const shell of ['bash', 'zsh']) {
      const r = context();
      expect(await main(['completion', shell], r.ctx)).toBe(0);
      expect(r.stdout()).toBe(SHELLS[shell as 'bash' | 'zsh'](program(), '0.0.0-test'));
    }
    const fish = context();
    expect(await main(['completion', 'fish'], fish.ctx)).toBe(2);
    expect(fish.stderr()).toBe('flis: error: flis completion: unknown shell "fish"\n  flis writes completion for bash and zsh.\n');
    expect(fish.stdout()).toBe('');
  });
});

/** Where completion runs: the repository's fixtures, and a folder with a file and a sub-folder. */
function workFolder(): string {
  const cwd = folder();
  mkdirSync(join(cwd, 'runs 2024'));
  mkdirSync(join(cwd, 'roster'));
  writeFileSync(join(cwd, 'roster.csv'), 'kommune;available_from\n');
  writeFileSync(join(cwd, 'runs.txt'), '');
  return cwd;
}

describe('bash', () => {
  const script = join(folder(), 'flis.bash');
  writeFileSync(script, bashScript(program(), '0.0.0-test'));

  /** What bash offers for the last word of `line` (a line ending in a space completes an empty word). */
  function complete(line: string, cwd = ROOT): string[] {
    // As bash splits a line for completion: at spaces, and = (COMP_WORDBREAKS) a word of its own.
    const words = line.split(' ').flatMap((w) => w.split(/(=)/)).filter((w, i, all) => w !== '' || i === all.length - 1);
    const run = 'source "$1"; COMP_WORDS=("${@:3}"); COMP_CWORD=$2; _flis; printf "%s\\n" "${COMPREPLY[@]}"';
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', run, 'bash', script, String(words.length - 1), ...words], { cwd, encoding: 'utf8' });
    return out.split('\n').filter((w) => w !== '').sort();
  }

  it('registers itself for flis', () => {
    expect(execFileSync('bash', ['--norc', '--noprofile', '-c', 'source "$1"; complete -p flis', 'bash', script], { encoding: 'utf8' })).toBe('complete -F _flis flis\n');
  });

  it.each([
    ['flis ', [...COMMANDS, 'help']],
    ['flis re', ['revenue']],
    ['flis -', ['--help', '--version', '-V', '-h']],
    ['flis invoice --period ', ['DEC', 'H1', 'H2']],
    ['flis invoice --period D', ['DEC']],
    ['flis invoice --period=', ['DEC', 'H1', 'H2']],
    ['flis invoice --period=H', ['H1', 'H2']],
    ['flis invoice --json --period ', ['DEC', 'H1', 'H2']],
    ['flis invoice --einvoice ', ['none', 'oioubl', 'peppol']],
    ['flis einvoice --einvoice ', ['oioubl', 'peppol']],
    ['flis invoice --dialect ', ['default', 'excel-da']],
    ['flis exit --format ', ['csv', 'html', 'json', 'md', 'pdf', 'text', 'xlsx']],
    ['flis revenue --format ', ['csv', 'html', 'json', 'md', 'text', 'xlsx']],
    ['flis revenue --by ', ['kommune', 'year']],
    ['flis check --lang ', ['da', 'en']],
    ['flis fetch ', ['population', 'projection']],
    ['flis fetch --year 2024 p', ['population', 'projection']],
    ['flis fetch --year=2024 p', ['population', 'projection']],
    ['flis completion ', ['bash', 'zsh']],
    ['flis help ex', ['exit']],
    // a value flis cannot guess: nothing
    ['flis invoice --year ', []],
    ['flis exit --date ', []],
    ['flis exit --kommune ', []],
  ])('%j', (line, expected) => {
    expect(complete(line)).toEqual([...expected].sort());
  });

  it('options: every one of the command, after the command', () => {
    expect(complete('flis invoice --')).toEqual(expect.arrayContaining(['--period', '--year', '--issue-date', '--einvoice', '--dry-run', '--help']));
    expect(complete('flis invoice --d')).toEqual(['--dialect', '--dry-run']);
    expect(complete('flis verify --')).toEqual(['--help', '--json']);
    // the argument given, options follow
    expect(complete('flis fetch population ')).toEqual(expect.arrayContaining(['--year', '--table', '--out']));
  });

  it('files for a file option, folders for a folder option or argument, names with spaces whole', () => {
    const cwd = workFolder();
    expect(complete('flis invoice --roster ', cwd)).toEqual(['roster', 'roster.csv', 'runs 2024', 'runs.txt']);
    expect(complete('flis invoice --roster ro', cwd)).toEqual(['roster', 'roster.csv']);
    expect(complete('flis invoice --out ', cwd)).toEqual(['roster', 'runs 2024']);
    expect(complete('flis exit --invoices ru', cwd)).toEqual(['runs 2024']);
    expect(complete('flis verify ', cwd)).toEqual(['roster', 'runs 2024']);
    expect(complete('flis einvoice --einvoice oioubl r', cwd)).toEqual(['roster', 'runs 2024']);
    expect(complete('flis exit --out r', cwd)).toEqual(['roster', 'roster.csv', 'runs 2024', 'runs.txt']);
    expect(complete('flis invoice --roster fixtures/roster/odense')).toEqual(['fixtures/roster/odense-and-kobenhavn.csv']);
  });
});

const ZSH = spawnSync('zsh', ['--version']).status === 0;
if (!ZSH) console.warn('test/commands/completion.test.ts: zsh is not installed: the zsh script is not run (apt-get install zsh)');

/**
 * Completes each line in an interactive zsh on a pseudo-terminal (zpty), TAB pressed after it, and gives what
 * compadd was handed for it. The markers are written split in the commands typed ("<<RE''ADY>>"), so that the
 * terminal's echo of those commands is never taken for their output.
 */
const HARNESS = `zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1=''; RPS1=''; setopt no_beep; autoload -Uz compinit && compinit -u -D"
zpty -w z "source \${(q)1}"
zpty -w z 'compadd() { local -a m; builtin compadd -A m "$@"; local w; for w in $m; do print -r -- "<<""M>>$w<<""E>>"; done; builtin compadd "$@"; }'
zpty -w z 'tab() { zle complete-word; print -r -- "<<EN""D>>"; }; zle -N tab; bindkey "^I" tab; zstyle ":completion:*" menu no'
zpty -w z "print -r -- '<<RE''ADY>>'"
zpty -r z out '*<<READY>>*'
for line in "\${@[2,-1]}"; do
  zpty -w -n z "$line"$'\\t'
  zpty -r z out '*<<END>>*'
  print -r -- "<<LINE>>$out"
  zpty -w -n z $'\\C-u'
done
zpty -d z
`;

describe.skipIf(!ZSH)('zsh', () => {
  const dir = folder();
  writeFileSync(join(dir, 'flis.zsh'), zshScript(program(), '0.0.0-test'));
  writeFileSync(join(dir, 'harness.zsh'), HARNESS);

  function complete(lines: readonly string[], cwd = ROOT): string[][] {
    const out = execFileSync('zsh', ['-f', join(dir, 'harness.zsh'), join(dir, 'flis.zsh'), ...lines], { cwd, encoding: 'utf8', timeout: 60_000 });
    return out
      .split('<<LINE>>')
      .slice(1)
      .map((part) => [...new Set([...part.matchAll(/<<M>>(.*?)<<E>>/g)].map((m) => m[1]!))].sort());
  }

  it('parses (zsh -n)', () => {
    expect(spawnSync('zsh', ['-n', join(dir, 'flis.zsh')]).status).toBe(0);
  });

  it('commands, option values, arguments and files, with TAB in an interactive zsh', () => {
    const cases: [string, string[]][] = [
      ['flis ', [...COMMANDS, 'help']],
      ['flis rev', ['revenue']],
      ['flis invoice --period ', ['DEC', 'H1', 'H2']],
      ['flis invoice --period=H', ['H1', 'H2']],
      ['flis invoice --einvoice ', ['none', 'oioubl', 'peppol']],
      ['flis exit --format ', ['csv', 'html', 'json', 'md', 'pdf', 'text', 'xlsx']],
      ['flis revenue --format ', ['csv', 'html', 'json', 'md', 'text', 'xlsx']],
      ['flis revenue --by ', ['kommune', 'year']],
      ['flis check --lang ', ['da', 'en']],
      ['flis fetch ', ['population', 'projection']],
      ['flis completion ', ['bash', 'zsh']],
      ['flis verify --', ['--help', '--json']],
    ];
    expect(complete(cases.map(([line]) => line))).toEqual(cases.map(([, expected]) => [...expected].sort()));
  });

  it('files for a file option, folders for a folder option (a space quoted, as zsh inserts it)', () => {
    const [roster, out] = complete(['flis invoice --roster ', 'flis invoice --out '], workFolder());
    expect(roster).toEqual(['roster', 'roster.csv', 'runs 2024', 'runs.txt'].map((n) => n.replace(' ', '\\ ')).sort());
    expect(out).toEqual(['roster', 'runs\\ 2024']);
  });
});
