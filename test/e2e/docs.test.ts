// The repository's own documents: nothing in it points outside it, every relative link leads to a file that is
// there and every anchor to a heading of it, the README is an operator's guide of at most 400 lines with a table
// of contents (the reference, docs/reference.md, has its own), every flis command they show is one flis takes,
// and the worked examples of docs/billing-rules.md and the README's figures are the figures flis prints.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/context.js';
import { peopleFormat } from '../../src/texts/format.js';
import { ROOT, flis, temporaryFolder } from './flis.js';

/** Folders that are not the project's own text: installed or built. */
const NOT_OURS = new Set(['node_modules', 'dist', '.git', 'data']);
const TEXT = /\.(md|ts|mjs|cjs|js|json|csv|txt|yml|yaml|sh)$|^run$/;

function textFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (NOT_OURS.has(name)) return [];
    if (statSync(path).isDirectory()) return textFiles(path);
    return TEXT.test(name) && statSync(path).size < 2_000_000 ? [path] : [];
  });
}

/** Markdown link targets that are paths (not URLs, not anchors). */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
}

/** The project's Markdown documents: the README and docs/*.md. */
const DOCUMENTS = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join(ROOT, 'docs', n))];

/** A Markdown text without its fenced code blocks (a `#` line in one is no heading). */
const withoutFences = (markdown: string): string => markdown.replace(/^```[\s\S]*?^```$/gm, '');

/** The anchors of a document's headings, as GitHub makes them: lower case, no punctuation, spaces as hyphens, a repeat numbered. */
export function anchors(markdown: string): string[] {
  const seen = new Map<string, number>();
  return [...withoutFences(markdown).matchAll(/^#{1,6} (.+?)\s*$/gm)].map((m) => {
    const base = m[1]!.toLowerCase().replace(/[^\p{L}\p{N}\p{M}_\- ]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  });
}

/** Every link of a document with an anchor, resolved: the file it leads to and the anchor. */
function anchoredLinks(doc: string): { link: string; file: string; anchor: string }[] {
  return [...readFileSync(doc, 'utf8').matchAll(/\]\(([^)\s]*#[^)\s]+)\)/g)].flatMap((m) => {
    const link = m[1]!;
    if (/^[a-z]+:/i.test(link)) return [];
    const [path, anchor] = link.split('#') as [string, string];
    return [{ link, file: path === '' ? doc : resolve(dirname(doc), path), anchor }];
  });
}

/** The headings of level 2 and 3 of a document, and those its table of contents (## Contents) links to. */
function contents(markdown: string): { headings: string[]; listed: string[] } {
  const text = withoutFences(markdown);
  const headings = [...text.matchAll(/^#{2,3} (.+?)\s*$/gm)].map((m) => m[1]!).filter((h) => h !== 'Contents');
  const toc = /^## Contents\n([\s\S]*?)\n## /m.exec(text)?.[1] ?? '';
  return { headings, listed: [...toc.matchAll(/^\s*- \[(.+?)\]\(#/gm)].map((m) => m[1]!) };
}

describe('the repository stands on its own', () => {
  it('no file points outside the repository: not to the shared folder beside it, not to a path of the machine it was written on', () => {
    const files = textFiles(ROOT);
    expect(files.length).toBeGreaterThan(100);
    const outside = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      // One exception: ../shared/standards, the official e-invoice schemas the tests judge by (and say where to find).
      const found = [...text.matchAll(/\.\.\/shared\b(?!\/standards\b)|\/work\/(?:main|shared|wt-)[^\s'"`)]*/g)].map((m) => m[0]);
      return found.map((what) => `${relative(ROOT, file)}: ${what}`);
    });
    expect(outside).toEqual([]);
  });

  it('every relative link of README.md and docs/ leads to a file of the repository that exists', () => {
    const documents = DOCUMENTS;
    expect(documents).toEqual(expect.arrayContaining(['docs/billing-rules.md', 'docs/reference.md', 'docs/performance.md', 'docs/internals.md'].map((d) => join(ROOT, d))));
    const broken = documents.flatMap((doc) =>
      relativeLinks(readFileSync(doc, 'utf8')).flatMap((link) => {
        const target = resolve(dirname(doc), link.split('#')[0]!);
        const inside = !relative(ROOT, target).startsWith('..');
        return inside && existsSync(target) ? [] : [`${relative(ROOT, doc)}: ${link}`];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('every anchor a link of README.md or docs/ names is a heading of the document it leads to', () => {
    const links = DOCUMENTS.flatMap(anchoredLinks);
    expect(links.some((l) => l.file.endsWith('reference.md') && !l.link.startsWith('#'))).toBe(true);
    const broken = links.filter(({ file, anchor }) => !file.endsWith('.md') || !existsSync(file) || !anchors(readFileSync(file, 'utf8')).includes(anchor));
    expect(broken.map(({ link, file }) => `${link} (in ${relative(ROOT, file)})`)).toEqual([]);
  });

  it('the anchors are made as GitHub makes them', () => {
    expect(anchors('# flis\n## E-invoices (OIOUBL 2.1 and Peppol BIS 3.0)\n```\n# not a heading\n```\n### Roster (tilslutning)\n## Output\n### Output\n## Udtræden: hvad koster det?')).toEqual([
      'flis',
      'e-invoices-oioubl-21-and-peppol-bis-30',
      'roster-tilslutning',
      'output',
      'output-1',
      'udtræden-hvad-koster-det',
    ]);
  });
});

describe('the README, an operator\'s guide', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('is at most 400 lines, with a table of contents listing every section', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(400);
    const { headings, listed } = contents(readme);
    expect(headings.length).toBeGreaterThan(5);
    expect(listed).toEqual(headings);
  });

  it('shows the two commands near the top: the main job on the shipped data, and the tests', () => {
    const top = readme.split('\n').slice(0, 60).join('\n');
    expect(top).toMatch(/^ {4}npm ci\n {4}npx flis invoice --period H1 --year 2024\n/m);
    expect(top).toMatch(/^ {4}npm test$/m);
  });

  it('has the year\'s calendar, and cron lines that call the installed flis, never npx', () => {
    for (const month of ['February', 'September', 'December']) expect(readme).toMatch(new RegExp(`^### ${month}: `, 'm'));
    const cron = readme.split('\n').filter((line) => /^ {4}[\d*]+ +[\d*]+ +[\d*-]+ +[\d*]+ +[\d*-]+ +cd /.test(line));
    expect(cron.length).toBeGreaterThanOrEqual(4);
    for (const period of ['H1', 'H2', 'DEC']) expect(cron.some((line) => line.includes(`flis invoice --period ${period} `))).toBe(true);
    for (const line of cron) expect(line).not.toMatch(/npx/);
  });

  it('names every command flis has, each with a link to its section of the reference', () => {
    const program = buildProgram(offline(), () => undefined);
    const names = program.commands.map((c) => c.name());
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) expect(readme).toContain(`**[flis ${name}](docs/reference.md#flis-${name})**`);
  });

  it('states the figure flis revenue prints for 2024 on the shipped data', async () => {
    const r = await flis(['revenue', '--to', '2024', '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const total = JSON.parse(r.stdout).total.total as string;
    expect(readme).toContain(`2024 is ${peopleFormat('da').number(total)} kr.`);
  });
});

describe('the reference and the internals', () => {
  it.each(['docs/reference.md', 'docs/internals.md'])('%s has a table of contents listing every section', (doc) => {
    const { headings, listed } = contents(readFileSync(join(ROOT, doc), 'utf8'));
    expect(headings.length).toBeGreaterThan(3);
    for (const heading of headings) expect(listed).toContain(heading);
  });
});

/** A context for building the program without running anything. */
function offline(): CommandContext {
  return { cwd: ROOT, stdout: { write: () => true }, stderr: { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream, env: {}, now: () => new Date(2024, 2, 1), version: '0.0.0-test' } as unknown as CommandContext;
}

describe('every flis command the documents show', () => {
  const program = buildProgram(offline(), () => undefined);
  /** The `flis COMMAND …` of each indented code line (a shell prompt, `cd … &&` or `<(` before it allowed), not output lines (`flis check: …`). */
  const shown = DOCUMENTS.flatMap((doc) =>
    readFileSync(doc, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('    '))
      .flatMap((line) => [...line.matchAll(/(?:^ {4}(?:\$ )?|&& \{? ?|<\(|; )flis ([a-z]+)((?: +[^\s;|>)&]+)*)/g)].map((m) => ({ doc: relative(ROOT, doc), line: line.trim(), command: m[1]!, rest: m[2]!.trim() })))
      .filter(({ rest }) => !/^\S*:/.test(rest)),
  );

  it('is a command flis has, with options that command takes', () => {
    expect(shown.length).toBeGreaterThan(30);
    const wrong = shown.flatMap(({ doc, line, command, rest }) => {
      const declared = program.commands.find((c) => c.name() === command);
      if (!declared) return [`${doc}: ${line}: no command ${command}`];
      const options = new Set(declared.options.map((o) => o.long));
      return [...rest.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]).filter((o) => !options.has(o) && o !== '--help').map((o) => `${doc}: ${line}: flis ${command} has no ${o}`);
    });
    expect(wrong).toEqual([]);
  });
});

describe('docs/billing-rules.md', () => {
  const rules = readFileSync(join(ROOT, 'docs/billing-rules.md'), 'utf8');
  const shown = (plain: string) => peopleFormat('en').number(plain);
  const json = async (args: string[]) => {
    const r = await flis([...args, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('names the clauses the documents cite', () => {
    for (const clause of ['Generelle vilkår', 'pkt. 5', 'Bilag 1 §2.1', 'Bilag 1 §2.2', 'Bilag 1 §3', 'Tilslutningsaftale FLIS 2023']) expect(rules).toContain(clause);
    for (let n = 1; n <= 10; n++) expect(rules).toMatch(new RegExp(`^## §${n} `, 'm'));
  });

  it('its worked examples are the figures flis computes on the shipped data', async () => {
    const h1 = await json(['invoice', '--period', 'H1', '--year', '2024']);
    const odense = h1.invoices.find((i: { kommune_code: string }) => i.kommune_code === '461');
    const københavn = h1.invoices.find((i: { kommune_code: string }) => i.kommune_code === '101');
    const figures = [odense.annual_fee, odense.net_amount, odense.vat_amount, odense.gross_amount, københavn.annual_fee, københavn.net_amount, h1.totals.net_amount];
    figures.push((await json(['revenue', '--to', '2024'])).total.total);

    const folder = temporaryFolder();
    writeFileSync(join(folder, 'tariff.json'), '{"knee_rate": "1"}');
    figures.push((await json(['revenue', '--to', '2024', '--tariff', join(folder, 'tariff.json')])).total.total);
    writeFileSync(join(folder, 'roster.csv'), 'kommune;available_from;pilot_start\n461;2024-01-01;2024-01-01\n');
    figures.push((await json(['invoice', '--period', 'H1', '--year', '2024', '--roster', join(folder, 'roster.csv')])).invoices[0].net_amount);

    for (const date of ['2027-10-01', '2027-10-16', '2027-01-01']) {
      const exit = await json(['exit', '--kommune', 'Odense', '--date', date]);
      figures.push(exit.total, exit.years[0].amount);
    }
    // §8: a settlement falls due in its exit year, even before 2024
    writeFileSync(join(folder, 'early.csv'), 'kommune;available_from;pilot_start;exit_date\n461;2023-03-01;;2023-10-01\n');
    const early = await json(['revenue', '--roster', join(folder, 'early.csv')]);
    expect(early.years[0]).toMatchObject({ year: 2023, exit_settlements: '14291304.40' });
    figures.push(early.years[0].exit_settlements);

    // §10: an exit after an issued run, and a run issued before the others joined
    const runs = join(folder, 'runs');
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--out', runs, '--quiet'])).code).toBe(0);
    const shipped = readFileSync(join(ROOT, 'fixtures/roster/all-98-illustrative-ean-reference.csv'), 'utf8');
    writeFileSync(join(folder, 'leaving.csv'), shipped.replace(/^461;2024-01-01;;;/m, '461;2024-01-01;;2024-03-01;'));
    const leaving = await json(['revenue', '--roster', join(folder, 'leaving.csv'), '--invoices', runs, '--to', '2024']);
    const [credited, settlement] = leaving.differences;
    expect([credited.issued, settlement.run]).toEqual(['714565.22', 'exit_settlement']);
    const odense2024 = (await json(['revenue', '--roster', join(folder, 'leaving.csv'), '--to', '2024', '--by', 'kommune'])).years[0].municipalities.find((m: { kommune_code: string }) => m.kommune_code === '461');
    figures.push(credited.owed, credited.to_credit, settlement.to_bill, odense2024.total);
    const two = join(folder, 'two');
    expect((await flis(['invoice', '--period', 'H1', '--year', '2024', '--roster', 'fixtures/roster/odense-and-kobenhavn.csv', '--out', two, '--quiet'])).code).toBe(0);
    const fewer = (await json(['revenue', '--invoices', two, '--to', '2024'])).years[0].reconciled.h1;
    figures.push(fewer.issued, fewer.owed, fewer.to_bill);

    expect(figures).toContain('47450817.68');
    for (const figure of figures) expect(rules, figure).toContain(shown(figure));
  });

  it('§11: the worked examples of tariff versions are the figures flis computes on the shipped data', async () => {
    const lowered = join(ROOT, 'fixtures/tariff/price-lowered-2028.json');
    const folder = temporaryFolder();
    const odense = async (args: string[]) =>
      (await json(['revenue', '--from', '2028', '--to', '2028', '--by', 'kommune', ...args])).years[0].municipalities.find((m: { kommune_code: string }) => m.kommune_code === '461');
    const full = await odense(['--tariff', lowered]);
    writeFileSync(join(folder, 'march.csv'), 'kommune;available_from\n461;2028-03-01\n');
    const march = await odense(['--tariff', lowered, '--roster', join(folder, 'march.csv')]);
    writeFileSync(join(folder, 'mid.json'), '{ "versions": [ { "from": "2028-03-15", "price_per_citizen": "7.50" } ] }');
    const mid = await odense(['--tariff', join(folder, 'mid.json')]);
    expect([full.h1, full.h2, march.h2, mid.h1]).toEqual(['714565.22', '673271.25', '1149648.06', '690144.05']);
    const figures = [full.h1, full.h2, march.h2, mid.h1];
    for (const date of ['2027-10-01', '2028-04-01', '2028-10-01']) {
      const exit = await json(['exit', '--kommune', 'Odense', '--date', date, '--tariff', lowered]);
      figures.push(exit.total, ...exit.years.map((y: { amount: string }) => y.amount));
    }
    const solved = (await json(['revenue', '--budget', 'fixtures/budget/illustrative-costs-2024-2033.csv', '--solve-price-from', '2028-07-01'])).budget;
    figures.push(solved.costs, solved.income_at_solved_price, solved.income_at_one_ore_more);
    expect(solved.solved_price_per_citizen).toBe('7.80');
    const section = rules.slice(rules.indexOf('## §11 '), rules.indexOf('## Interpretations'));
    for (const figure of figures) expect(section, figure).toContain(shown(figure));
  }, 120_000);
});
