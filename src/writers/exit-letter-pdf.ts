// The exit letter as a PDF, written by PDFKit (pure JavaScript: no browser, so it works on a server without
// one), laid out on A4 from the same content as the HTML letter (exit-letter.ts). The fonts are embedded (the
// glyphs used, as a subset): DejaVu Sans, which has æ, ø, å and every other character of the texts. Loaded
// only by `flis exit --format pdf`: no other command loads PDFKit.
//
// The same letter gives the same bytes: the document's dates (CreationDate, ModDate, from which PDFKit also
// derives the file ID) are the letter's date at 00:00 UTC, not the clock's.

import PDFDocument from 'pdfkit';
import type { CalendarDate } from '../engine/dates.js';
import { type LetterContent, type LetterTable } from './exit-letter.js';

export interface PdfFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 45, bottom: 60, left: 51, right: 51 };
const WIDTH = A4[0] - MARGIN.left - MARGIN.right;
const BOTTOM = A4[1] - MARGIN.bottom;
const GREY = '#333333';
const RULE = '#bbbbbb';

type Doc = PDFKit.PDFDocument;

/** The letter as the bytes of a PDF file. */
export function exitLetterPdf(c: LetterContent, fonts: PdfFonts, date: CalendarDate, creator: string): Promise<Uint8Array> {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const doc = new PDFDocument({
    size: A4,
    margins: MARGIN,
    font: '', // no standard font: only the embedded ones
    bufferPages: true,
    autoFirstPage: true,
    lang: c.lang === 'da' ? 'da-DK' : 'en-GB',
    displayTitle: true,
    info: { Title: c.subject, Author: c.signer, Subject: c.subject, Creator: creator, Producer: 'PDFKit', CreationDate: day, ModDate: day },
  });
  doc.registerFont('regular', Buffer.from(fonts.regular));
  doc.registerFont('bold', Buffer.from(fonts.bold));
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  head(doc, c);
  doc.font('bold').fontSize(13).fillColor('black').text(c.subject, MARGIN.left, doc.y, { width: WIDTH });
  doc.moveDown(0.4);
  paragraph(doc, c.opening);
  figures(doc, c.figures);
  if (c.years) table(doc, c.years);
  heading(doc, c.howComputed);
  bullets(doc, c.assumptions.map((a) => ({ text: a })));
  if (c.credits) {
    heading(doc, c.credits.heading);
    if (c.credits.table) table(doc, c.credits.table);
    else paragraph(doc, c.credits.none ?? '');
  }
  heading(doc, c.clausesHeading);
  bullets(doc, c.clauses.map((k) => ({ bold: `${k.clause}: `, text: k.holds })));
  doc.moveDown(0.5);
  paragraph(doc, c.contact);
  signature(doc, c);
  footers(doc, c);
  doc.end();
  return done;
}

/** The recipient at the left (where a window envelope shows it), the sender at the right, the date below. */
function head(doc: Doc, c: LetterContent): void {
  const top = MARGIN.top;
  const senderWidth = 200;
  const senderX = MARGIN.left + WIDTH - senderWidth;
  const [name, ...rest] = c.sender;
  doc.font('bold').fontSize(10).fillColor('black').text(name!, senderX, top, { width: senderWidth, align: 'right' });
  doc.font('regular').fontSize(8.5).fillColor(GREY);
  for (const line of rest) doc.text(line, senderX, doc.y, { width: senderWidth, align: 'right' });
  const senderBottom = doc.y;
  doc.fillColor('black').fontSize(10.5);
  let y = top + 30;
  for (const line of c.recipient) {
    doc.text(line, MARGIN.left, y, { width: WIDTH - senderWidth - 20 });
    y = doc.y;
  }
  doc.fontSize(9.5).text(c.date, MARGIN.left, Math.max(y, senderBottom) + 16, { width: WIDTH, align: 'right' });
  doc.moveDown(1.2);
}

function paragraph(doc: Doc, text: string): void {
  doc.font('regular').fontSize(9.5).fillColor('black').text(text, MARGIN.left, doc.y, { width: WIDTH, lineGap: 1.5 });
  doc.moveDown(0.4);
}

function heading(doc: Doc, text: string): void {
  doc.font('bold').fontSize(10.5);
  // A heading is not left alone at the foot of a page.
  if (doc.y + 60 > BOTTOM) doc.addPage();
  doc.moveDown(0.5).fillColor('black').text(text, MARGIN.left, doc.y, { width: WIDTH });
  doc.moveDown(0.2);
}

function bullets(doc: Doc, items: readonly { bold?: string; text: string }[]): void {
  const indent = 12;
  for (const item of items) {
    doc.font('regular').fontSize(9.5).fillColor('black');
    if (doc.y + doc.currentLineHeight(true) > BOTTOM) doc.addPage();
    const y = doc.y;
    doc.text('•', MARGIN.left, y, { width: indent, lineBreak: false });
    if (item.bold) {
      doc.font('bold').text(item.bold, MARGIN.left + indent, y, { width: WIDTH - indent, continued: true, lineGap: 1.5 });
      doc.font('regular').text(item.text, { lineGap: 1.5 });
    } else {
      doc.text(item.text, MARGIN.left + indent, y, { width: WIDTH - indent, lineGap: 1.5 });
    }
    doc.moveDown(0.2);
  }
}

/** The settlement's key lines: label, then the value in bold. */
function figures(doc: Doc, lines: LetterContent['figures']): void {
  doc.font('regular').fontSize(9.5);
  const labelWidth = Math.max(...lines.map((l) => doc.widthOfString(l.label))) + 12;
  doc.moveDown(0.3);
  for (const line of lines) {
    const y = doc.y;
    doc.font('regular').fillColor('black').text(line.label, MARGIN.left, y, { width: labelWidth, lineBreak: false });
    doc.font('bold').text(line.value, MARGIN.left + labelWidth, y, { width: WIDTH - labelWidth });
  }
  doc.moveDown(0.6);
}

/**
 * A table across the text width: each column as wide as its widest cell (the font made smaller where the
 * natural widths would not fit), the space left shared out; the header repeated on a new page.
 */
function table(doc: Doc, t: LetterTable): void {
  const pad = 4;
  let size = 8;
  const natural = (s: number): number[] =>
    t.columns.map((col, i) => {
      doc.fontSize(s);
      const cells = [...t.rows, ...t.footer].map((r) => r[i] ?? '');
      doc.font('bold');
      const bold = Math.max(doc.widthOfString(col.heading), ...t.footer.map((r) => doc.widthOfString(r[i] ?? '')));
      doc.font('regular');
      return Math.max(bold, ...cells.map((cell) => doc.widthOfString(cell))) + 2 * pad;
    });
  let widths = natural(size);
  while (widths.reduce((a, b) => a + b, 0) > WIDTH && size > 6) widths = natural((size -= 0.5));
  const spare = Math.max(0, WIDTH - widths.reduce((a, b) => a + b, 0));
  widths = widths.map((w) => w + spare / widths.length);
  const rowHeight = size * 1.9;

  const row = (cells: readonly string[], font: 'regular' | 'bold'): void => {
    let x = MARGIN.left;
    const y = doc.y;
    doc.font(font).fontSize(size).fillColor('black');
    cells.forEach((cell, i) => {
      const align = t.columns[i]?.align === 'right' ? 'right' : 'left';
      doc.text(cell, x + pad, y + size * 0.45, { width: widths[i]! - 2 * pad, align, lineBreak: false });
      x += widths[i]!;
    });
    doc.x = MARGIN.left;
    doc.y = y + rowHeight;
  };
  const rule = (weight: number, colour: string): void => {
    doc.moveTo(MARGIN.left, doc.y).lineTo(MARGIN.left + WIDTH, doc.y).lineWidth(weight).strokeColor(colour).stroke();
  };
  const header = (): void => {
    row(t.columns.map((col) => col.heading), 'bold');
    rule(1, 'black');
  };

  doc.moveDown(0.3);
  if (doc.y + 3 * rowHeight > BOTTOM) doc.addPage();
  header();
  for (const cells of t.rows) {
    if (doc.y + rowHeight > BOTTOM) {
      doc.addPage();
      header();
    }
    row(cells, 'regular');
    rule(0.5, RULE);
  }
  for (const cells of t.footer) {
    if (doc.y + rowHeight > BOTTOM) doc.addPage();
    rule(1, 'black');
    row(cells, 'bold');
  }
  doc.moveDown(0.6);
}

/** The closing, the sender's name and two lines to sign on, kept together on one page. */
function signature(doc: Doc, c: LetterContent): void {
  const lineWidth = 210;
  doc.font('regular').fontSize(9.5).fillColor('black');
  if (doc.y + 130 > BOTTOM) doc.addPage();
  doc.moveDown(0.8).text(c.closing, MARGIN.left, doc.y, { width: WIDTH });
  doc.moveDown(0.2).text(c.signer, { width: WIDTH });
  for (const label of [c.signature, c.nameAndTitle]) {
    const y = doc.y + 32;
    doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + lineWidth, y).lineWidth(0.75).strokeColor('black').stroke();
    doc.font('regular').fontSize(8).fillColor(GREY).text(label, MARGIN.left, y + 3, { width: lineWidth });
  }
}

/** "Side 1 af 2" and the subject at the foot of every page. */
function footers(doc: Doc, c: LetterContent): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Written in the bottom margin: with the margin at 0 for it, PDFKit adds no page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor(GREY);
    const y = A4[1] - 36;
    doc.text(c.subject, MARGIN.left, y, { width: WIDTH * 0.75, lineBreak: false });
    doc.text(c.pageOf(i + 1, range.count), MARGIN.left, y, { width: WIDTH, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
