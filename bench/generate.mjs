// A FOLK1A-shaped StatBank API CSV, deterministic: every area (Hele landet, the five regions, the 98
// municipalities, Christiansø) × marital status × sex × age × 10 quarters = 2,000,250 rows; `rows` cuts it short.
// With quoted: true, labels are quoted as statistikbanken.dk's web exports quote them.

import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';

const root = new URL('..', import.meta.url);
const municipalities = readFileSync(new URL('fixtures/dst/kommuner.csv', root), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
const AREAS = ['Hele landet', 'Region Hovedstaden', 'Region Sjælland', 'Region Syddanmark', 'Region Midtjylland', 'Region Nordjylland', ...municipalities, 'Christiansø'];
const MARITAL = ['I alt', 'Ugift', 'Gift/separeret', 'Enke/enkemand', 'Fraskilt'];
const SEX = ['I alt', 'Mænd', 'Kvinder'];
const AGES = ['Alder i alt', ...Array.from({ length: 126 }, (_, i) => `${i} år`)];
const QUARTERS = ['2022K1', '2022K2', '2022K3', '2022K4', '2023K1', '2023K2', '2023K3', '2023K4', '2024K1', '2024K2'];
export const FULL_ROWS = AREAS.length * MARITAL.length * SEX.length * AGES.length * QUARTERS.length;

export async function generate(path, rows, { quoted = false } = {}) {
  const out = createWriteStream(path);
  const q = (label) => (quoted ? `"${label}"` : label);
  let written = 0;
  let seed = 1;
  const lines = [`OMRÅDE;CIVILSTAND;KØN;ALDER;TID;INDHOLD`];
  const flush = async () => {
    if (!out.write(`${lines.join('\r\n')}\r\n`)) await once(out, 'drain');
    lines.length = 0;
  };
  outer: for (const area of AREAS) {
    for (const marital of MARITAL) {
      for (const sex of SEX) {
        for (const age of AGES) {
          for (const quarter of QUARTERS) {
            if (written === rows) break outer;
            seed = (seed * 48271) % 2147483647;
            lines.push(`${q(area)};${q(marital)};${q(sex)};${q(age)};${quarter};${seed % 700000}`);
            written++;
            if (lines.length >= 10000) await flush();
          }
        }
      }
    }
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return written;
}
