// Files flis ships beside its code (package.json "files"): the fonts the exit letter's PDF embeds. Found from
// this module's URL, one folder below the package (src/ under vitest, dist/ built; the bundle passes dist/main.js's
// URL for every module, which is at the same depth).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT_INTERNAL, FlisError } from './errors.js';

const ASSETS = new URL('../assets/', import.meta.url);

export interface LetterFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

/** DejaVu Sans and DejaVu Sans Bold (assets/fonts/SOURCES.md); a missing file is a broken install (exit 3). */
export function letterFonts(): LetterFonts {
  const read = (name: string): Uint8Array => {
    const url = new URL(`fonts/${name}`, ASSETS);
    try {
      return readFileSync(url);
    } catch (caught) {
      const why = (caught as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : (caught as Error).message;
      throw new FlisError(`cannot read the font ${fileURLToPath(url)}: ${why}`, EXIT_INTERNAL, 'flis is not installed whole: install it again (npm install, or the package).');
    }
  };
  return { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
}
