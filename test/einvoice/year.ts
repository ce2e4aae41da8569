// The documents the e-invoice tests judge: real runs of the built flis. 2024 with every kind of document,
// issued on the shipped data exactly as the README runs it (H1: 98 invoices), then a correction, H2 and DEC
// after the roster changes: København was only available from 15 March and Frederiksberg from 1 October (DEC),
// Odense was a pilot from 1 January, Aalborg left on 16 May. The correction credits København and
// Frederiksberg and credits and replaces Odense and Aalborg. The EANs and references are the shipped roster's;
// the municipalities whose address flis has not confirmed are given a test address (withTestAddresses), so that
// every e-invoice names the buyer's address; Odense has an account string (kontostreng).
// Besides the year, one run whose seller is paid to a Danish account and an IBAN both.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SHIPPED_ROSTER, flis, temporaryFolder, withTestAddresses } from '../e2e/flis.js';
import type { Format } from './validator.js';

const SHIPPED = readFileSync(join(ROOT, SHIPPED_ROSTER), 'utf8').trim().split('\n');
const CONFIG = JSON.parse(readFileSync(join(ROOT, 'flis.config.json'), 'utf8')) as { population: string; roster: string; seller: { bank: object } };

/** The shipped roster with some lines replaced (`changes` maps a code to its new line), test addresses, and Odense's kontostreng. */
function rosterWith(changes: Record<string, string>): string {
  const path = join(temporaryFolder(), 'roster.csv');
  const lines = withTestAddresses(SHIPPED.map((line) => changes[line.split(';')[0]!] ?? line)).map((line, i) =>
    i === 0 ? `${line};kontostreng` : `${line};${line.startsWith('461;') ? '1234-5678-90' : ''}`,
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function checkDigitOf(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

const line = (code: string, availableFrom: string, pilot = '', exit = '') =>
  `${code};${availableFrom};${pilot};${exit};2000000${code}00${checkDigitOf(`2000000${code}00`)};Økonomi FLIS ${code};`;

export interface Issued {
  readonly name: string;
  readonly xml: string;
}

const xmlIn = (folder: string): Issued[] =>
  readdirSync(join(folder, 'einvoices'))
    .sort()
    .map((name) => ({ name, xml: readFileSync(join(folder, 'einvoices', name), 'utf8') }));

async function run(args: readonly string[]): Promise<void> {
  const r = await flis(['invoice', '--year', '2024', '--quiet', ...args]);
  if (r.code !== 0) throw new Error(`flis ${args.join(' ')} exited with ${r.code}:\n${r.stderr}`);
}

const years = new Map<Format, Promise<Issued[]>>();

/** H1, the correction of H1, H2 and DEC 2024 in one run folder: every e-invoice written (once per test file). */
export function issueYear(format: Format): Promise<Issued[]> {
  if (!years.has(format)) years.set(format, issue(format));
  return years.get(format)!;
}

async function issue(format: Format): Promise<Issued[]> {
  const shipped = rosterWith({});
  const changed = rosterWith({ '101': line('101', '2024-03-15'), '147': line('147', '2024-10-01'), '461': line('461', '2024-01-01', '2024-01-01'), '851': line('851', '2024-01-01', '', '2024-05-16') });
  const out = temporaryFolder();
  const issue = (period: string, issueDate: string, extra: readonly string[] = []) => run(['--period', period, '--out', out, '--einvoice', format, '--issue-date', issueDate, ...extra]);
  await issue('H1', '2024-02-12', ['--roster', shipped]);
  await issue('H1', '2024-06-03', ['--roster', changed, '--supersede']);
  await issue('H2', '2024-09-10', ['--roster', changed]);
  await issue('DEC', '2024-12-16', ['--roster', changed]);
  return xmlIn(out);
}

/** H1 2024 for Odense and København, the seller paid to a Danish account and an IBAN (two payment means). */
export async function issueTwoAccounts(format: Format): Promise<Issued[]> {
  const folder = temporaryFolder();
  const roster = join(folder, 'roster.csv');
  writeFileSync(roster, `${withTestAddresses(['kommune;available_from;pilot_start;exit_date;ean;reference;comment', line('461', '2024-01-01'), line('101', '2024-01-01')]).join('\n')}\n`);
  const config = join(folder, 'flis.config.json');
  const seller = { ...CONFIG.seller, bank: { ...CONFIG.seller.bank, iban: 'DK5000400440116243', bic: 'DABADKKK' } };
  writeFileSync(config, `${JSON.stringify({ ...CONFIG, population: join(ROOT, CONFIG.population), roster, seller }, null, 2)}\n`);
  const out = join(folder, 'run');
  await run(['--period', 'H1', '--out', out, '--einvoice', format, '--issue-date', '2024-02-12', '--config', config]);
  return xmlIn(out);
}

/**
 * H1 2024 under a tariff with versions (billing rules §11): the price lowered from 15 March and from 1 May (for
 * Peppol, the VAT rate changed from 1 May instead), so that each invoice has three lines (and for Peppol two VAT
 * rates; OIOUBL states one standard rate per document); then corrected (--supersede) under a tariff whose March
 * price is lower still: credit notes with the three lines, and replacements.
 */
export async function issueVersions(format: Format): Promise<Issued[]> {
  const folder = temporaryFolder();
  const roster = join(folder, 'roster.csv');
  writeFileSync(roster, `${withTestAddresses(['kommune;available_from;pilot_start;exit_date;ean;reference;comment', line('461', '2024-01-01'), line('101', '2024-01-01')]).join('\n')}\n`);
  const tariff = (price: string) => {
    const path = join(folder, `tariff-${price}.json`);
    const may = format === 'peppol' ? { vat_rate: '0.2' } : { price_per_citizen: '7.30' };
    writeFileSync(path, `${JSON.stringify({ versions: [{ from: '2024-03-15', price_per_citizen: price }, { from: '2024-05-01', ...may }] }, null, 2)}\n`);
    return path;
  };
  const out = join(folder, 'run');
  await run(['--period', 'H1', '--out', out, '--einvoice', format, '--issue-date', '2024-02-12', '--roster', roster, '--tariff', tariff('7.50')]);
  await run(['--period', 'H1', '--out', out, '--einvoice', format, '--issue-date', '2024-06-03', '--roster', roster, '--tariff', tariff('7.40'), '--supersede']);
  return xmlIn(out);
}
