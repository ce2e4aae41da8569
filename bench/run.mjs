// npm run bench: how fast flis starts and how fast and lean it reads a big DST file, each figure a ratio against
// a floor measured in the same run, as the median of BENCH_RUNS runs (default and least 10).
//
//   cold start   node bin/flis.js invoice --period H1 --year 2024 --json   vs   node -e 0        target ≤ 1.6×
//   big file     flis's population reader on a generated FOLK1A-shaped file vs a bare csv-parse
//                stream counting its rows, at 0.5 M and 2 M rows: throughput ratio  target ≥ 0.6×
//                and peak memory (RSS of the reading process)                        target < 150 MB

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_ROWS, generate } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 10));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const log = (text) => process.stderr.write(`${text}\n`);

function wallMs(args) {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - start;
}

function child(script, file) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', script), file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const rows = [];
const verdict = (ok) => (ok ? 'met' : 'MISSED');

// 1. Cold start, interleaved so that both see the same machine.
log(`cold start: ${RUNS} runs each…`);
const floorStart = [];
const flisStart = [];
for (let i = 0; i < RUNS; i++) {
  floorStart.push(wallMs(['-e', '0']));
  flisStart.push(wallMs(['bin/flis.js', 'invoice', '--period', 'H1', '--year', '2024', '--json']));
}
const startRatio = median(flisStart) / median(floorStart);
rows.push([
  'cold start: invoice H1 2024 --json',
  `node -e 0: ${median(floorStart).toFixed(0)} ms`,
  `${median(flisStart).toFixed(0)} ms`,
  `${startRatio.toFixed(2)}×`,
  '≤ 1.6×',
  verdict(startRatio <= 1.6),
]);

// 2. The big DST file, at two sizes.
const folder = mkdtempSync(join(tmpdir(), 'flis-bench-'));
try {
  const sizes = [
    { label: '0.5 M', rows: 500_000 },
    { label: '2 M', rows: FULL_ROWS },
  ];
  const peaks = [];
  for (const size of sizes) {
    const file = join(folder, `FOLK1A-${size.rows}.csv`);
    log(`generating ${size.rows.toLocaleString('en')} rows…`);
    await generate(file, size.rows);
    const mb = statSync(file).size / 1024 / 1024;
    log(`reading ${size.label} rows (${mb.toFixed(0)} MB): ${RUNS} runs each…`);
    const floor = [];
    const flis = [];
    let peak = 0;
    for (let i = 0; i < RUNS; i++) {
      const f = child('read-csv-parse.mjs', file);
      const r = child('read-flis.mjs', file);
      if (f.rows !== size.rows + 1 || r.lines !== size.rows + 1) throw new Error(`rows read: csv-parse ${f.rows}, flis ${r.lines}, expected ${size.rows + 1}`);
      floor.push(f.ms);
      flis.push(r.ms);
      peak = Math.max(peak, r.rssMB);
    }
    const ratio = median(floor) / median(flis);
    const rate = (ms) => `${((size.rows / ms) * 1000 / 1e6).toFixed(2)} M rows/s`;
    rows.push([
      `read ${size.label} rows (${mb.toFixed(0)} MB): throughput`,
      `csv-parse: ${rate(median(floor))}`,
      rate(median(flis)),
      `${ratio.toFixed(2)}×`,
      '≥ 0.6×',
      verdict(ratio >= 0.6),
    ]);
    peaks.push(peak);
    rmSync(file);
  }
  rows.push([
    'peak memory, 0.5 M / 2 M rows',
    '',
    peaks.map((p) => `${p.toFixed(0)} MB`).join(' / '),
    '',
    '< 150 MB',
    verdict(peaks.every((p) => p < 150)),
  ]);

  // 3. For information: the same reading when every label is quoted, which goes through csv-parse.
  const quoted = join(folder, 'FOLK1A-quoted.csv');
  log('generating 200,000 quoted rows…');
  await generate(quoted, 200_000, { quoted: true });
  const floor = [];
  const flis = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(child('read-csv-parse.mjs', quoted).ms);
    flis.push(child('read-flis.mjs', quoted).ms);
  }
  rows.push(['read 0.2 M quoted rows (information)', `csv-parse: ${median(floor).toFixed(0)} ms`, `${median(flis).toFixed(0)} ms`, `${(median(floor) / median(flis)).toFixed(2)}×`, '', '']);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const headings = ['figure', 'floor', 'flis', 'ratio', 'target', ''];
const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`flis benchmark: Node ${process.version}, median of ${RUNS} runs, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(line(headings));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
