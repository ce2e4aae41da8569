// `flis exit --kommune X --format html|pdf`: the exit settlement as a letter. Dated the day the report is made
// (ExitReport.made), from the seller of the config (name, address, CVR number, e-mail, telephone) to the
// municipality (its legal name and postal address), with the settlement, the table per year, how it was
// computed, the runs compared (with a run folder), the clauses it rests on, and a block to sign. One model
// (letterContent) that the HTML page here and the PDF (exit-letter-pdf.ts) both lay out, so that the two say
// the same; its words come from the same functions as the text report's. No file path and no option of flis in
// it: it goes to a municipality.

import type { BuyerParty, DanishAddress, Seller } from '../documents/parties.js';
import { type Lang, textsFor } from '../texts/texts.js';
import { type ExitReport, assumptions, creditColumns, creditRows, creditTotal, settlementFigures, yearColumns, yearRows } from './exit-report.js';
import { TABLE_STYLE, escapeHtml, htmlTable } from './html.js';
import type { TableColumn } from './table.js';

export interface ExitLetter {
  readonly report: ExitReport;
  readonly sender: Seller;
  /** The municipality, with the postal address the letter goes to. */
  readonly recipient: BuyerParty & { readonly address: DanishAddress };
}

export interface LetterTable {
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
  readonly footer: readonly (readonly string[])[];
}

/** What the letter says, in its order, as text: the HTML and the PDF lay it out. */
export interface LetterContent {
  readonly lang: Lang;
  /** The subject line, also the document's title. */
  readonly subject: string;
  /** The sender's name, then its address, CVR number and contact lines. */
  readonly sender: readonly string[];
  /** The municipality's legal name, then its postal address. */
  readonly recipient: readonly string[];
  readonly date: string;
  readonly opening: string;
  readonly figures: readonly { readonly label: string; readonly value: string }[];
  /** The table per year, where the settlement has years. */
  readonly years?: LetterTable;
  readonly howComputed: string;
  readonly assumptions: readonly string[];
  /** With a run folder: the runs compared (a table, or the word for none). */
  readonly credits?: { readonly heading: string; readonly table?: LetterTable; readonly none?: string };
  readonly clausesHeading: string;
  readonly clauses: readonly { readonly clause: string; readonly holds: string }[];
  readonly contact: string;
  readonly closing: string;
  /** Who signs: the sender's name. */
  readonly signer: string;
  /** The labels under the lines to sign on. */
  readonly signature: string;
  readonly nameAndTitle: string;
  /** A page's footer, "Side 1 af 2" (the PDF's). */
  readonly pageOf: (page: number, pages: number) => string;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function letterContent(letter: ExitLetter): LetterContent {
  const { report, sender, recipient } = letter;
  const s = report.settlement;
  const texts = textsFor(report.lang);
  const t = texts.exitLetter;
  const r = texts.exitReport;
  const tariff = report.tariff;
  const cells = report.reconciliation;
  const a = recipient.address;
  return {
    lang: report.lang,
    subject: t.subject(recipient.legalName),
    sender: [
      sender.name,
      `${sender.address.street} ${sender.address.buildingNumber}`,
      `${sender.address.postalCode} ${sender.address.city}`,
      t.cvr(sender.cvr),
      sender.email,
      ...(sender.phone ? [t.phone(sender.phone)] : []),
    ],
    recipient: [recipient.legalName, `${a.street} ${a.buildingNumber}`, `${a.postalCode} ${a.city}`],
    date: t.date(report.made),
    opening: t.opening(recipient.legalName, s.exitDate, s.total, s.years.length > 0),
    figures: settlementFigures(report),
    ...(s.years.length > 0
      ? { years: { columns: yearColumns(texts), rows: yearRows(s, texts), footer: [[r.total, '', '', '', '', '', texts.format.amount(s.total)]] } }
      : {}),
    howComputed: r.howComputed,
    assumptions: assumptions(report),
    ...(cells !== undefined
      ? {
          credits: {
            heading: r.creditsHeading(s.exitDate),
            ...(cells.length > 0
              ? { table: { columns: creditColumns(texts), rows: creditRows(cells, texts), footer: [creditTotal(cells, texts)] } }
              : { none: `${capitalised(r.noCredits)}.` }),
          },
        }
      : {}),
    clausesHeading: t.clausesHeading,
    clauses: t.clauses(tariff.agreementStart, tariff.agreementEnd, tariff.pricePerCitizen, tariff.kneeRate.times(tariff.pricePerCitizen), tariff.kneeThreshold),
    contact: t.contact(sender.name, sender.email, sender.phone),
    closing: t.closing,
    signer: sender.name,
    signature: t.signature,
    nameAndTitle: t.nameAndTitle,
    pageOf: t.page,
  };
}

const STYLE = `
@page { size: A4; margin: 16mm 18mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; margin: 0 auto; max-width: 174mm; }
@media screen { body { padding: 12px; } }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 12mm; margin-bottom: 8mm; }
address { font-style: normal; }
.recipient { padding-top: 14mm; font-size: 10.5pt; }
.sender { text-align: right; font-size: 8.5pt; color: #333; }
.sender .name { font-weight: bold; font-size: 10pt; color: #111; }
.date { text-align: right; margin: 0 0 6mm; }
h1 { font-size: 13pt; margin: 0 0 4pt; }
h2 { font-size: 10.5pt; margin: 10pt 0 2pt; break-after: avoid; }
p { margin: 3pt 0; }
ul { margin: 2pt 0; padding-left: 14pt; }
li { margin: 1pt 0; }
${TABLE_STYLE}table { font-size: 8pt; }
th, td { padding: 1.5pt 3pt; }
table.figures { width: auto; font-size: 9.5pt; margin: 6pt 0; }
table.figures th { font-weight: normal; border: none; padding-left: 0; }
table.figures td { font-weight: bold; border: none; }
.clause { font-weight: bold; }
.sign { margin-top: 10pt; break-inside: avoid; }
.line { width: 75mm; border-top: 1px solid #111; margin-top: 16mm; padding-top: 2pt; font-size: 8.5pt; color: #333; }
`;

/** The letter as one self-contained HTML page (no scripts, fonts or images from elsewhere), to print on A4. */
export function exitLetterHtml(letter: ExitLetter): string {
  const c = letterContent(letter);
  const lines = (parts: readonly string[]) => parts.map(escapeHtml).join('<br>');
  const table = (t: LetterTable) => htmlTable(t.columns, t.rows, t.footer);
  const [senderName, ...senderRest] = c.sender;
  return [
    '<!DOCTYPE html>',
    `<html lang="${c.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(c.subject)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="head">',
    `<address class="recipient">${lines(c.recipient)}</address>`,
    `<address class="sender"><span class="name">${escapeHtml(senderName!)}</span><br>${lines(senderRest)}</address>`,
    '</header>',
    `<p class="date">${escapeHtml(c.date)}</p>`,
    `<h1>${escapeHtml(c.subject)}</h1>`,
    `<p>${escapeHtml(c.opening)}</p>`,
    `<table class="figures">${c.figures.map((f) => `<tr><th>${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}</table>`,
    ...(c.years ? [table(c.years)] : []),
    `<h2>${escapeHtml(c.howComputed)}</h2>`,
    `<ul>${c.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`,
    ...(c.credits ? [`<h2>${escapeHtml(c.credits.heading)}</h2>`, c.credits.table ? table(c.credits.table) : `<p>${escapeHtml(c.credits.none ?? '')}</p>`] : []),
    `<h2>${escapeHtml(c.clausesHeading)}</h2>`,
    `<ul>${c.clauses.map((k) => `<li><span class="clause">${escapeHtml(k.clause)}:</span> ${escapeHtml(k.holds)}</li>`).join('')}</ul>`,
    `<p>${escapeHtml(c.contact)}</p>`,
    '<div class="sign">',
    `<p>${escapeHtml(c.closing)}</p>`,
    `<p>${escapeHtml(c.signer)}</p>`,
    `<div class="line">${escapeHtml(c.signature)}</div>`,
    `<div class="line">${escapeHtml(c.nameAndTitle)}</div>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
