// The repository's own documents: nothing in it points outside it, every relative link leads to a file that is
// there, and the worked examples of docs/billing-rules.md are the figures flis prints.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    const documents = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join(ROOT, 'docs', n))];
    expect(documents).toContain(join(ROOT, 'docs/billing-rules.md'));
    const broken = documents.flatMap((doc) =>
      relativeLinks(readFileSync(doc, 'utf8')).flatMap((link) => {
        const target = resolve(dirname(doc), link.split('#')[0]!);
        const inside = !relative(ROOT, target).startsWith('..');
        return inside && existsSync(target) ? [] : [`${relative(ROOT, doc)}: ${link}`];
      }),
    );
    expect(broken).toEqual([]);
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
