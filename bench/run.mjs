// npm run bench: how fast flis starts and how fast and lean it reads a big DST file, each figure a ratio against
// a floor measured in the same run, as the median of BENCH_RUNS runs (default and least 10; the cold start
// takes 30 rounds, or BENCH_RUNS if more, each a pair against the floor). BENCH_ONLY=start measures the cold
// start only.
//
//   cold start   node bin/flis.cjs invoice --period H1 --year 2024 --json   vs   node -e 0        target ≤ 1.4×
//                (and for information: without the code cache, without the bundle, flis --version)
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
// The cold start moves with the machine from one run to the next: three times the rounds (30 by default; each
// round is under a second), so that its median is steady.
const START_ROUNDS = Math.max(30, RUNS);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const log = (text) => process.stderr.write(`${text}\n`);

function wallMs(args, env = {}) {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
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

// 1. Cold start, interleaved so that every variant sees the same machine: the binary users run (the bundle
//    through its code cache), the bundle without the cache, the modules of dist/ without either, and
//    flis --version; each against node -e 0 measured in the same round.
log(`cold start: ${START_ROUNDS} rounds…`);
const INVOICE = ['invoice', '--period', 'H1', '--year', '2024', '--json'];
const variants = [
  { label: 'cold start: invoice H1 2024 --json (bundle + code cache)', args: ['bin/flis.cjs', ...INVOICE], target: 1.4 },
  { label: 'cold start: the same, bundle without the cache', args: ['bin/flis.cjs', ...INVOICE], env: { FLIS_CODE_CACHE: 'off' } },
  { label: 'cold start: the same, modules of dist/ (no bundle)', args: ['bench/unbundled.mjs', ...INVOICE] },
  { label: 'cold start: flis --version (bundle + code cache)', args: ['bin/flis.cjs', '--version'] },
];
const floorStart = [];
const times = variants.map(() => []);
for (let i = 0; i < START_ROUNDS; i++) {
  floorStart.push(wallMs(['-e', '0']));
  variants.forEach((v, j) => times[j].push(wallMs(v.args, v.env)));
}
for (const [j, v] of variants.entries()) {
  // Each round is a pair: the variant against the floor measured just before it. The ratio is the median of
  // the rounds' ratios, so that a machine that slows down or speeds up during the run moves both sides alike.
  const ratio = median(times[j].map((t, i) => t / floorStart[i]));
  rows.push([
    v.label,
    `node -e 0: ${median(floorStart).toFixed(0)} ms`,
    `${median(times[j]).toFixed(0)} ms`,
    `${ratio.toFixed(2)}×`,
    v.target ? `≤ ${v.target}×` : '',
    v.target ? verdict(ratio <= v.target) : '',
  ]);
}

// 2. The big DST file, at two sizes (BENCH_ONLY=start skips it, and 3).
const folder = mkdtempSync(join(tmpdir(), 'flis-bench-'));
try {
  if (process.env.BENCH_ONLY !== 'start') await bigFiles();
} finally {
  rmSync(folder, { recursive: true, force: true });
}

async function bigFiles() {
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
}

const headings = ['figure', 'floor', 'flis', 'ratio', 'target', ''];
const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`flis benchmark: Node ${process.version}, median of ${START_ROUNDS} rounds (cold start) and ${RUNS} runs (the rest), ${new Date().toISOString().slice(0, 10)}\n`);
console.log(line(headings));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
