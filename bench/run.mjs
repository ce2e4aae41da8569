// npm run bench: how fast flis starts and how fast and lean it reads a big DST file, each figure a ratio against
// a floor measured in the same run, as the median of BENCH_RUNS runs (default and least 10; the cold start
// takes 30 rounds, or BENCH_RUNS if more, each a pair against the floor). BENCH_ONLY=start measures the cold
// start only. BENCH_NODE=/path/to/node measures with that Node instead of the one running the bench (the
// build wrote the code cache for its own Node: the bench writes the one for BENCH_NODE before it measures).
// The cold start's ratio comes with its quartiles over the rounds (how noisy the machine was), and on Linux
// with the ratio of the main thread's CPU time (from /proc, read by a preload in every run, the floor's too):
// time spent waiting for a core on a busy machine is not in it, so it moves less than the wall-clock ratio.
//
//   cold start   node bin/flis.cjs invoice --period H1 --year 2024 --json   vs   node -e 0
//                target ≤ 1.4× on Node 20, ≤ 1.5× on later Nodes (whose bare start is twice as fast)
//                (and for information: without the code cache, without the bundle, with Node's own module
//                compile cache instead of ours (Node ≥ 22.1), flis --version)
//   big file     flis's population reader on a generated FOLK1A-shaped file vs a bare csv-parse
//                stream counting its rows, at 0.5 M and 2 M rows: throughput ratio  target ≥ 0.6×
//                and peak memory (RSS of the reading process)                        target < 150 MB

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FULL_ROWS, generate } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = process.env.BENCH_NODE || process.execPath;
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 10));
// The cold start moves with the machine from one run to the next: three times the rounds (30 by default; each
// round is under a second), so that its median is steady.
const START_ROUNDS = Math.max(30, RUNS);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const log = (text) => process.stderr.write(`${text}\n`);

const quartile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.round(q * (xs.length - 1))];

/** One cold start: its wall-clock milliseconds, and its main thread's CPU milliseconds where PROBE reads them. */
function startRun(args, env = {}) {
  const start = performance.now();
  const r = spawnSync(NODE, [...(PROBE ? ['-r', PROBE] : []), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const cpu = /\nflis-bench-cpu (\d+)\n$/.exec(r.stderr.toString('latin1'))?.[1];
  return { wall, cpu: cpu === undefined ? undefined : Number(cpu) / 1e6 };
}

function child(script, file) {
  const r = spawnSync(NODE, [join(ROOT, 'bench', script), file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const rows = [];
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const nodeVersion = spawnSync(NODE, ['-p', 'process.version'], { encoding: 'utf8' }).stdout.trim();
if (!/^v\d+\./.test(nodeVersion)) throw new Error(`BENCH_NODE=${NODE} is not a Node that runs`);
const major = Number(nodeVersion.slice(1).split('.')[0]);
const folder = mkdtempSync(join(tmpdir(), 'flis-bench-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
const PROBE = existsSync(`/proc/self/task/${process.pid}/schedstat`) ? join(folder, 'cpu-probe.cjs') : undefined;
if (PROBE) {
  writeFileSync(
    PROBE,
    "process.on('exit', () => { const fs = require('node:fs'); fs.writeSync(2, `\\nflis-bench-cpu ${fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1').split(' ')[0]}\\n`); });\n",
  );
}

// 1. Cold start, interleaved so that every variant sees the same machine: the binary users run (the bundle
//    through its code cache), the bundle without the cache, the modules of dist/ without either, and
//    flis --version; each against node -e 0 measured in the same round.
log(`cold start, ${nodeVersion}: ${START_ROUNDS} rounds…`);
const INVOICE = ['invoice', '--period', 'H1', '--year', '2024', '--json'];
// The code cache for this Node (and the probe, an option of Node's), written as a run writes it (the build
// wrote the one for its own Node).
startRun(['bin/flis.cjs', ...INVOICE], { FLIS_CODE_CACHE: 'write' });
const variants = [
  { label: 'cold start: invoice H1 2024 --json (bundle + code cache)', args: ['bin/flis.cjs', ...INVOICE], target: major <= 20 ? 1.4 : 1.5 },
  { label: 'cold start: the same, bundle without the cache', args: ['bin/flis.cjs', ...INVOICE], env: { FLIS_CODE_CACHE: 'off' } },
  ...nodeCompileCache(),
  { label: 'cold start: the same, modules of dist/ (no bundle)', args: ['bench/unbundled.mjs', ...INVOICE] },
  { label: 'cold start: flis --version (bundle + code cache)', args: ['bin/flis.cjs', '--version'] },
];

/**
 * For comparison, where Node has it (22.1 and later): the bundle as an ordinary CommonJS module, loaded with
 * Node's own module compile cache (module.enableCompileCache, in a folder of the bench's) instead of ours.
 */
function nodeCompileCache() {
  const has = spawnSync(NODE, ['-p', "typeof require('node:module').enableCompileCache"], { encoding: 'utf8' }).stdout.trim();
  if (has !== 'function') return [];
  const dir = join(folder, 'compile-cache');
  mkdirSync(dir);
  const bundle = join(ROOT, 'dist/flis.cjs');
  writeFileSync(join(dir, 'flis-module.cjs'), `module.exports = ${readFileSync(bundle, 'latin1')};\n`, 'latin1');
  writeFileSync(
    join(dir, 'run.cjs'),
    [
      "'use strict';",
      `require('node:module').enableCompileCache(${JSON.stringify(join(dir, 'cache'))});`,
      `const bundle = ${JSON.stringify(bundle)};`,
      'const program = { exports: {} };',
      `require('./flis-module.cjs')(program.exports, require('node:module').createRequire(bundle), program, bundle, ${JSON.stringify(join(ROOT, 'dist'))}, ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/main.js')).href)});`,
      'program.exports.run();',
      '',
    ].join('\n'),
  );
  startRun([join(dir, 'run.cjs'), ...INVOICE]); // writes Node's cache
  return [{ label: "cold start: the same, Node's module compile cache instead of ours", args: [join(dir, 'run.cjs'), ...INVOICE] }];
}
const floorStart = [];
const times = variants.map(() => []);
for (let i = 0; i < START_ROUNDS; i++) {
  floorStart.push(startRun(['-e', '0']));
  variants.forEach((v, j) => times[j].push(startRun(v.args, v.env)));
}
for (const [j, v] of variants.entries()) {
  // Each round is a pair: the variant against the floor measured just before it. The ratio is the median of
  // the rounds' ratios, so that a machine that slows down or speeds up during the run moves both sides alike.
  const ratios = times[j].map((t, i) => t.wall / floorStart[i].wall);
  const ratio = median(ratios);
  const cpu = PROBE ? `${median(times[j].map((t, i) => t.cpu / floorStart[i].cpu)).toFixed(2)}×` : '';
  rows.push([
    v.label,
    `node -e 0: ${median(floorStart.map((t) => t.wall)).toFixed(0)} ms`,
    `${median(times[j].map((t) => t.wall)).toFixed(0)} ms`,
    `${ratio.toFixed(2)}× (${quartile(ratios, 0.25).toFixed(2)}–${quartile(ratios, 0.75).toFixed(2)})`,
    cpu,
    v.target ? `≤ ${v.target}×` : '',
    v.target ? verdict(ratio <= v.target) : '',
  ]);
}

// 2. The big DST file, at two sizes (BENCH_ONLY=start skips it, and 3).
if (process.env.BENCH_ONLY !== 'start') await bigFiles();

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
      '',
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
  rows.push(['read 0.2 M quoted rows (information)', `csv-parse: ${median(floor).toFixed(0)} ms`, `${median(flis).toFixed(0)} ms`, `${(median(floor) / median(flis)).toFixed(2)}×`, '', '', '']);
}

const headings = ['figure', 'floor', 'flis', 'ratio (quartiles)', 'CPU ratio', 'target', ''];
const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`flis benchmark: Node ${nodeVersion}, median of ${START_ROUNDS} rounds (cold start) and ${RUNS} runs (the rest), ${new Date().toISOString().slice(0, 10)}\n`);
console.log(line(headings));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
