// Reading fixtures in reader tests: from disk, or from bytes in chunks of chosen sizes.

import { createReadStream, readFileSync } from 'node:fs';
import { type PopulationRead, readPopulation } from '../../src/readers/dst-population.js';
import { InputError, type InputProblem } from '../../src/errors.js';
import type { PopulationTable } from '../../src/engine/types.js';

export function populationFile(path: string): Promise<PopulationRead> {
  return readPopulation(path, createReadStream(path));
}

export async function* inChunks(bytes: Uint8Array, sizes: () => number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; ) {
    const size = Math.max(1, sizes());
    yield bytes.subarray(i, i + size);
    i += size;
  }
}

export function bytesOf(path: string): Buffer {
  return readFileSync(path);
}

/** The problems an InputError carries, or a failure if the promise does not reject with one. */
export async function problemsOf(promise: Promise<unknown>): Promise<readonly InputProblem[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError, but the read succeeded');
}

/** { code: count } for one year. */
export function figuresFor(table: PopulationTable, year: number): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  for (const [code, byYear] of table) {
    const figure = byYear.get(year);
    if (figure) result[code] = figure.count;
  }
  return result;
}
