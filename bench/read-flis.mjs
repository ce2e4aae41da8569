// Child process: reads one file with flis's population reader; prints milliseconds, peak RSS and what it kept.
import { createReadStream } from 'node:fs';
import { readPopulation } from '../dist/readers/dst-population.js';

const file = process.argv[2];
const start = performance.now();
const read = await readPopulation(file, createReadStream(file, { highWaterMark: 256 * 1024 }));
const ms = performance.now() - start;
let figures = 0;
for (const years of read.figures.values()) figures += years.size;
process.stdout.write(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, lines: read.lines, figures }));
