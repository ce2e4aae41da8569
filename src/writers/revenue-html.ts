// `flis revenue --format html`: one self-contained page (no network: no scripts, fonts or images from
// elsewhere), dated, with a chart of the income per year (what is owed) split by the population basis it is
// computed on and, with a budget, the costs of each year beside it, drawn as plain SVG here; the verdict on the
// budget, and the tables; with a run folder, issued against owed. Laid out to print on A4.

import { type Decimal, sum } from '../engine/money.js';
import { REVENUE_SOURCES, type RevenueSource } from '../engine/revenue.js';
import { type Texts, textsFor } from '../texts/texts.js';
import { type RevenueReport, budgetLines, omittedNote, revenueColumns, revenueHeading, revenueReconciliation, revenueTableRows, revenueVerdict } from './revenue-report.js';
import { TABLE_STYLE, escapeHtml, htmlTable } from './html.js';
import { left, right } from './table.js';

const COLOURS: Readonly<Record<RevenueSource, string>> = {
  dst: '#2e86c1',
  carried_forward: '#f5b041',
  forecast: '#58d68d',
};
/** The costs' bar, beside each year's income: a grey none of the sources has. */
const COSTS_COLOUR = '#566573';

/** A round step for the axis: 1, 2 or 5 times a power of ten, giving at most about five lines. */
function niceStep(max: number): number {
  if (max <= 0) return 1;
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
}

/**
 * Stacked bars, one per year, a layer per source; with a budget, the year's costs in a bar of their own beside
 * it. The amount above each bar (in millions; with the costs, without the unit, which the axis gives). A legend
 * names each colour. Sizes in the SVG's own units.
 */
export function revenueChart(report: RevenueReport): string {
  const texts = textsFor(report.lang);
  const t = texts.revenue;
  const millions = t.millions;
  const years = report.revenue.years;
  const costs = new Map(budgetLines(report).map((l) => [l.year, l.costs.toNumber()]));
  const withCosts = costs.size > 0;
  const width = 680;
  const height = 300;
  const left = 56;
  const bottom = 28;
  const top = 24;
  const plotHeight = height - top - bottom;
  // What is owed is never negative; were a part ever negative it would not be stacked (the tables show every øre).
  const value = (d: Decimal) => Math.max(0, d.toNumber());
  const max = Math.max(1, ...years.map((y) => REVENUE_SOURCES.reduce((s, src) => s + value(y.bySource[src]), 0)), ...[...costs.values()].map((c) => Math.max(0, c)));
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const y = (v: number) => top + plotHeight - (v / axisMax) * plotHeight;
  const slot = (width - left - 8) / Math.max(1, years.length);
  const barWidth = withCosts ? Math.min(26, slot * 0.38) : Math.min(44, slot * 0.62);
  const gap = withCosts ? 2 : 0;
  const group = withCosts ? 2 * barWidth + gap : barWidth;
  const label = withCosts ? (v: number) => texts.format.number((v / 1_000_000).toFixed(1)) : millions;
  const parts: string[] = [];
  for (let v = 0; v <= axisMax + step / 2; v += step) {
    parts.push(`<line x1="${left}" x2="${width - 8}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${escapeHtml(millions(v))}</text>`);
  }
  const bar = (x: number, from: number, to: number, colour: string, title: string, kind: string) =>
    `<rect x="${x.toFixed(1)}" y="${y(to).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(from) - y(to)).toFixed(1)}" fill="${colour}" class="${kind}"><title>${escapeHtml(title)}</title></rect>`;
  const valueAbove = (x: number, v: number) =>
    `<text x="${(x + barWidth / 2).toFixed(1)}" y="${(y(v) - 5).toFixed(1)}" text-anchor="middle" class="value">${escapeHtml(label(v))}</text>`;
  years.forEach((year, i) => {
    const x = left + slot * i + (slot - group) / 2;
    let base = 0;
    for (const source of REVENUE_SOURCES) {
      const v = value(year.bySource[source]);
      if (v === 0) continue;
      parts.push(bar(x, base, base + v, COLOURS[source], `${year.year} ${t.source(source)}: ${millions(v)}`, 'income'));
      base += v;
    }
    parts.push(valueAbove(x, base));
    const cost = costs.get(year.year);
    if (cost !== undefined) {
      const xCosts = x + barWidth + gap;
      const v = Math.max(0, cost);
      parts.push(bar(xCosts, 0, v, COSTS_COLOUR, `${year.year} ${t.columns.costs}: ${millions(v)}`, 'costs'));
      parts.push(valueAbove(xCosts, v));
    }
    parts.push(`<text x="${(x + group / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle" class="axis">${year.year}</text>`);
  });
  const used = REVENUE_SOURCES.filter((s) => years.some((yr) => !yr.bySource[s].isZero()));
  // With the costs beside them, the income's colours say they are income.
  const sourceName = (s: RevenueSource) => (withCosts ? `${t.columns.income} (${t.source(s)})` : t.source(s));
  const keys = [...used.map((s) => ({ colour: COLOURS[s], name: sourceName(s) })), ...(withCosts ? [{ colour: COSTS_COLOUR, name: t.columns.costs }] : [])];
  let at = left;
  const legend = keys
    .map(({ colour, name }) => {
      const key = `<rect x="${at}" y="4" width="12" height="12" fill="${colour}"/><text x="${at + 18}" y="14" class="axis">${escapeHtml(name)}</text>`;
      at += 18 + Math.ceil(name.length * 6.5) + 24;
      return key;
    })
    .join('');
  const aria = withCosts ? t.chartLabelWithCosts : t.chartLabel;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(aria)}">${legend}${parts.join('')}</svg>`;
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
.made { margin: 3pt 0 0; }
.verdict p:first-of-type { font-weight: bold; }
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
  const verdict = revenueVerdict(report, (text) => `<h2>${escapeHtml(text)}</h2>`, (text) => `<p>${escapeHtml(text)}</p>`).filter((part) => part !== '');
  const chart = report.byKommune ? '' : revenueChart(report);
  const amounts = revenueTableRows(report, false);
  const omitted = omittedNote(report);
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
    `<p class="made">${escapeHtml(texts.revenue.made(report.made))}</p>`,
    ...(verdict.length > 0 ? ['<section class="verdict">', ...verdict, '</section>'] : []),
    chart,
    htmlTable(revenueColumns(report, false), amounts.rows, amounts.footer),
    ...(omitted ? [`<p class="legend">${escapeHtml(omitted)}</p>`] : []),
    budgetTable(report, texts),
    ...revenueReconciliation(report, (columns, rows, footer) => [htmlTable(columns, rows, footer)], (text) => `<p>${escapeHtml(text)}</p>`).filter((part) => part !== ''),
    `<p class="legend">${escapeHtml(texts.revenue.legend(report.sources.population.latest === true))}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

