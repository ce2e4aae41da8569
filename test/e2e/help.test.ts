// Every command's --help ends with examples and the exit codes it can end with; each example is run here, in a
// folder set up as an operator's would be (a config, a roster, data/, a run folder), and must run as shown.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli.js';
import { ROOT, flis, temporaryFolder } from './flis.js';

/** Nothing listens there: a fetch reaches the network and is refused (exit 5), after its options were taken. */
const UNREACHABLE = { FLIS_STATBANK_URL: 'http://127.0.0.1:9/v1', FLIS_CONFIG: undefined };

/** The examples a help text shows: the `flis …` command of each `  $ …` line, cut before a redirection or `)`. */
export function helpExamples(help: string): string[][] {
  const section = /\nExamples:\n((?: {2}\$ .*\n)+)/.exec(help)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('  $ '))
    .map((line) => {
      const command = /\bflis\b[^>|)]*/.exec(line)?.[0] ?? '';
      return command.trim().split(/\s+/).slice(1);
    });
}

/** The exit codes a help text lists, in order. */
function exitCodes(help: string): number[] {
  const section = /\nExit codes:\n((?: {2}\d {2}.*\n(?: {5}.*\n)*)+)/.exec(help)?.[1] ?? '';
  return [...section.matchAll(/^ {2}(\d) {2}/gm)].map((m) => Number(m[1]));
}

/** An operator's folder: its config (the repository's seller), a roster with addresses, data/, data/ with the 2026 figures as flis fetch saves them (and no 2024 file, so that --fetch for 2024 asks Statistics Denmark, which cannot be reached: exit 5), a forecast, a budget, and runs/2024 with H1 2024 issued. */
async function operatorFolder(): Promise<string> {
  const folder = temporaryFolder();
  const config = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(folder, 'flis.config.json'), JSON.stringify({ ...config, population: join(ROOT, config.population as string), roster: 'roster.csv' }, null, 2));
  copyFileSync(join(ROOT, 'fixtures/roster/75-confirmed-address-illustrative-ean-reference.csv'), join(folder, 'roster.csv'));
  copyFileSync(join(ROOT, 'fixtures/budget/illustrative-costs-2024-2033.csv'), join(folder, 'budget.csv'));
  mkdirSync(join(folder, 'data'));
  for (const file of ['FOLK1A-2026K1.csv', 'FOLK1A-2026K1.json']) copyFileSync(join(ROOT, 'fixtures/dst-figures', file), join(folder, 'data', file));
  copyFileSync(join(ROOT, 'fixtures/forecast/FRKM-synthetic-2025-2035.csv'), join(folder, 'forecast.csv'));
  const issued = await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', 'runs/2024', '--issue-date', '2024-02-12', '--quiet'], { cwd: folder, env: UNREACHABLE });
  expect(issued.code, issued.stderr).toBe(0);
  return folder;
}

describe('flis --help', () => {
  it('lists every exit code with its meaning, and points to the commands\' help', async () => {
    const r = await flis(['--help']);
    expect(r.code).toBe(0);
    expect(exitCodes(r.stdout)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.stdout).toContain('  1  bad input data\n  2  bad usage\n');
    expect(r.stdout).toContain('flis <command> --help');
  });
});

describe.each(COMMANDS)('flis %s --help', (command) => {
  it('ends with two or three examples of this command, and its exit codes in the same words as flis --help', async () => {
    const [r, all] = [await flis([command, '--help']), (await flis(['--help'])).stdout];
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExamples:\n[\s\S]*\nExit codes:\n(?: {2}\d {2}.*\n(?: {5}.*\n)*)+$/);
    const examples = helpExamples(r.stdout);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    for (const example of examples) expect(example[0]).toBe(command);

    const codes = exitCodes(r.stdout);
    expect(codes.slice(0, 1)).toEqual([0]);
    expect(codes).toContain(2);
    expect(codes).toContain(3);
    // 4 and 5 only where Statistics Denmark is asked
    expect(codes.includes(4) && codes.includes(5)).toBe(command === 'invoice' || command === 'fetch');
    for (const code of codes) {
      const meaning = new RegExp(`^ {2}${code} {2}(.*)$`, 'm').exec(all)![1]!;
      expect(r.stdout).toMatch(new RegExp(`^ {2}${code} {2}${meaning.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:|$)`, 'm'));
    }
  });

  it('each example runs as shown, in an operator\'s folder: no usage error, no bug', async () => {
    const help = (await flis([command, '--help'])).stdout;
    const folder = await operatorFolder();
    for (const example of helpExamples(help)) {
      const r = await flis(example, { cwd: folder, env: UNREACHABLE });
      // An example that asks Statistics Denmark gets as far as the network (there is none here): exit 5.
      const asks = command === 'fetch' || example.includes('--fetch');
      expect(r.code, `flis ${example.join(' ')}\n${r.stderr}`).toBe(asks ? 5 : 0);
    }
  });
});

describe('helpExamples', () => {
  it('takes the flis command of each example line, without what the shell does around it', () => {
    const help = 'Usage: flis x\n\nExamples:\n  $ source <(flis completion bash)\n  $ flis completion zsh > "${fpath[1]}/_flis"\n  $ flis verify runs --json | jq .sound\n\nExit codes:\n  0  done\n';
    expect(helpExamples(help)).toEqual([
      ['completion', 'bash'],
      ['completion', 'zsh'],
      ['verify', 'runs', '--json'],
    ]);
  });
});
