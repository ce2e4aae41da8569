// Child process, the floor: a bare csv-parse stream over the file that only counts rows.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const file = process.argv[2];
const start = performance.now();
let rows = 0;
await new Promise((resolve, reject) => {
  const parser = createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(parse({ delimiter: ';', bom: true }));
  parser.on('data', () => rows++);
  parser.on('end', resolve);
  parser.on('error', reject);
});
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, rows }));
