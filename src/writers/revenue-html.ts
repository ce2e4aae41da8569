// `flis revenue --format html`: one self-contained page (no network: no scripts, fonts or images from
// elsewhere) with a chart of the income per year (what is owed) split by the population basis it is computed
// on, drawn as plain SVG here, and the tables; with a run folder, issued against owed. Laid out to print on A4.

import { type Decimal, sum } from '../engine/money.js';
import { REVENUE_SOURCES, type RevenueSource } from '../engine/revenue.js';
import { type Texts, textsFor } from '../texts/texts.js';
import { type RevenueReport, budgetAnswer, solvedPriceAnswer, budgetLines, revenueColumns, revenueHeading, revenueReconciliation, revenueTableRows } from './revenue-report.js';
import { TABLE_STYLE, escapeHtml, htmlTable } from './html.js';
import { left, right } from './table.js';

const COLOURS: Readonly<Record<RevenueSource, string>> = {
  dst: '#2e86c1',
  carried_forward: '#f5b041',
  forecast: '#58d68d',
};

/** A round step for the axis: 1, 2 or 5 times a power of ten, giving at most about five lines. */
function niceStep(max: number): number {
  if (max <= 0) return 1;
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
}

/** Stacked bars, one per year, a layer per source; the total above each bar. Sizes in the SVG's own units. */
export function revenueChart(report: RevenueReport): string {
  const t = textsFor(report.lang).revenue;
  const millions = t.millions;
  const years = report.revenue.years;
  const width = 680;
  const height = 300;
  const left = 56;
  const bottom = 28;
  const top = 24;
  const plotHeight = height - top - bottom;
  // What is owed is never negative; were a part ever negative it would not be stacked (the tables show every øre).
  const value = (d: Decimal) => Math.max(0, d.toNumber());
  const max = Math.max(1, ...years.map((y) => REVENUE_SOURCES.reduce((s, src) => s + value(y.bySource[src]), 0)));
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const y = (v: number) => top + plotHeight - (v / axisMax) * plotHeight;
  const slot = (width - left - 8) / Math.max(1, years.length);
  const barWidth = Math.min(44, slot * 0.62);
  const parts: string[] = [];
  for (let v = 0; v <= axisMax + step / 2; v += step) {
    parts.push(`<line x1="${left}" x2="${width - 8}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${escapeHtml(millions(v))}</text>`);
  }
  years.forEach((year, i) => {
    const x = left + slot * i + (slot - barWidth) / 2;
    let base = 0;
    for (const source of REVENUE_SOURCES) {
      const v = value(year.bySource[source]);
      if (v === 0) continue;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + v)).toFixed(1)}" fill="${COLOURS[source]}"><title>${year.year} ${escapeHtml(t.source(source))}: ${escapeHtml(millions(v))}</title></rect>`,
      );
      base += v;
    }
    parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${(y(base) - 5).toFixed(1)}" text-anchor="middle" class="value">${escapeHtml(millions(base))}</text>`);
    parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle" class="axis">${year.year}</text>`);
  });
  const used = REVENUE_SOURCES.filter((s) => years.some((yr) => !yr.bySource[s].isZero()));
  const legend = used
    .map((s, i) => `<rect x="${left + i * 150}" y="4" width="12" height="12" fill="${COLOURS[s]}"/><text x="${left + i * 150 + 18}" y="14" class="axis">${escapeHtml(t.source(s))}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(t.chartLabel)}">${legend}${parts.join('')}</svg>`;
}

/** The income and the costs per year, the difference and its running sum. */
function budgetTable(report: RevenueReport, texts: Texts): string {
  const lines = budgetLines(report);
  if (lines.length === 0) return '';
  const c = texts.revenue.columns;
  const amount = texts.format.amount;
  const columns = [left(c.year), ...[c.income, c.costs, c.difference, c.accumulated].map(right)];
  const rows = lines.map((l) => [String(l.year), ...[l.income, l.costs, l.difference, l.accumulated].map(amount)]);
  const total = (pick: (l: (typeof lines)[number]) => Decimal) => amount(sum(lines.map(pick)));
  const footer = [[c.total, total((l) => l.income), total((l) => l.costs), total((l) => l.difference), '']];
  return `<h2>${escapeHtml(texts.revenue.budgetHeading)}</h2>\n${htmlTable(columns, rows, footer)}`;
}

const STYLE = `
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 182mm; }
h1 { font-size: 15pt; margin: 0 0 4pt; }
h2 { font-size: 11pt; margin: 10pt 0 0; break-after: avoid; }
@media screen { body { padding: 12px; } }
p { margin: 3pt 0; }
.inputs, .legend { color: #444; font-size: 8.5pt; }
.answer { font-weight: bold; margin: 8pt 0; }
svg { width: 100%; height: auto; margin: 6pt 0; }
svg .grid { stroke: #ddd; stroke-width: 1; }
svg .axis { font-size: 10px; fill: #333; }
svg .value { font-size: 9px; fill: #111; }
${TABLE_STYLE}`;

export function revenueHtml(report: RevenueReport, version: string): string {
  const { from, to } = report.revenue;
  const texts = textsFor(report.lang);
  const title = texts.revenue.title(from, to);
  const [summary, inputs] = revenueHeading(report);
  const answer = budgetAnswer(report);
  const chart = report.byKommune ? '' : revenueChart(report);
  const amounts = revenueTableRows(report, false);
  return [
    '<!DOCTYPE html>',
    `<html lang="${report.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(summary!)}</p>`,
    `<p class="inputs">${escapeHtml(inputs!)} flis ${escapeHtml(version)}.</p>`,
    ...(answer ? [`<p class="answer">${escapeHtml(answer)}</p>`] : []),
    ...(solvedPriceAnswer(report) ? [`<p class="answer">${escapeHtml(solvedPriceAnswer(report)!)}</p>`] : []),
    chart,
    htmlTable(revenueColumns(report, false), amounts.rows, amounts.footer),
    budgetTable(report, texts),
    ...revenueReconciliation(report, (columns, rows, footer) => [htmlTable(columns, rows, footer)], (text) => `<p>${escapeHtml(text)}</p>`).filter((part) => part !== ''),
    `<p class="legend">${escapeHtml(texts.revenue.legend(report.sources.population.latest === true))}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

