// Part of `npm run build` (after tsc): bundles dist/ into one CommonJS file, dist/flis.cjs, which bin/flis.cjs
// loads through V8's code cache (dist/flis-<id>-<node version>-<arch>.cache, <id> a hash of the bundle written
// into its first line), then writes that cache for the Node that builds by running the cron job once (flis
// invoice --period H1 --year 2024 --json on the shipped data), so that the functions a run uses are in it, not
// only the top level. Imports that are lazy in the sources stay lazy in the bundle (esbuild initialises
// each lazily imported module on first use). undici and xmlbuilder2 (CommonJS, large, used by few commands)
// stay outside it, required when first used. PDFKit (the exit letter's PDF, with fontkit and the rest it needs:
// over a megabyte) is bundled on its own, into dist/pdfkit.cjs, which the bundle requires only when a PDF is
// written: every other command reads and compiles none of it, and the package ships that one file, not PDFKit's
// node_modules (browser builds, source maps: some 20 MB).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// commander requires child_process when it loads, for subcommands that are programs of their own (flis has
// none); loading it costs a few milliseconds of every start. It gets a stand-in that loads the real module
// the first time anything of it is used.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => ({ path: args.path, namespace: 'lazy-child-process' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      // The name is built at run time, so that esbuild leaves this require to Node (and not to this plugin).
      contents: "let real; const load = () => (real ??= require(['node:child', 'process'].join('_'))); module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });",
      loader: 'js',
    }));
  },
};
// `import PDFDocument from 'pdfkit'` in the sources becomes require('./pdfkit.cjs'), beside the bundle.
const pdfkitBeside = {
  name: 'pdfkit-beside',
  setup(build) {
    build.onResolve({ filter: /^pdfkit$/ }, () => ({ path: './pdfkit.cjs', external: true }));
  },
};
const BUNDLE = `${ROOT}dist/flis.cjs`;
// The bundle's first line names it: /*flis <id>*/, the id the first 16 hex digits of the SHA-256 of the bundle
// with zeros in its place. bin/flis.cjs names the code cache after it, since V8 checks a cache's source only
// by its length.
const NO_ID = '0'.repeat(16);

await build({
  entryPoints: [`${ROOT}dist/main.js`],
  outfile: BUNDLE,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['undici', 'xmlbuilder2'],
  // Less to read and to deserialise at each start; names are kept, so a stack trace (FLIS_DEBUG=1) still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // dist/main.js finds package.json (its version) from its own URL; the loader passes that URL in.
  define: { 'import.meta.url': '__flis_main_url' },
  plugins: [lazyChildProcess, pdfkitBeside],
  // ASCII only (esbuild escapes the rest; the sources write regular expressions with escapes), so that
  // bin/flis.cjs reads it as Latin-1, with no UTF-8 to decode. Checked below.
  charset: 'ascii',
  // The file is the function bin/flis.cjs compiles, as it stands: no copy of it is made at each start.
  banner: { js: `/*flis ${NO_ID}*/(function (exports, require, module, __filename, __dirname, __flis_main_url) {` },
  footer: { js: '\n})' },
  logLevel: 'warning',
});

// PDFKit's Node build and what it requires, as one file. Its standard fonts (required by name at run time, from
// its own package) are not in it: the letter embeds its own fonts and uses no other.
await build({
  entryPoints: [`${ROOT}node_modules/pdfkit/js/pdfkit.js`],
  outfile: `${ROOT}dist/pdfkit.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'eof',
  logLevel: 'error',
});

const nonAscii = /[^\x00-\x7F]/.exec(readFileSync(BUNDLE, 'latin1'));
if (nonAscii) {
  rmSync(BUNDLE);
  throw new Error(`the bundle is not ASCII (a regular expression with "${nonAscii[0]}" in it?): write such characters as \\u escapes`);
}

// bin/flis.cjs compiles the bundle with vm.Script, which has no loader for import(): every lazy import must
// have become a require (esbuild does that for what it bundles and for the external packages, not always for
// Node's own modules).
const dynamicImport = /\bimport\(\s*["'`]([^"'`]+)/.exec(readFileSync(BUNDLE, 'latin1'));
if (dynamicImport) {
  rmSync(BUNDLE);
  throw new Error(`the bundle imports ${dynamicImport[1]} with import(), which bin/flis.cjs cannot run: import it statically, or through the sources' other lazy means`);
}

const unnamed = readFileSync(BUNDLE, 'latin1');
const id = createHash('sha256').update(unnamed, 'latin1').digest('hex').slice(0, 16);
writeFileSync(BUNDLE, unnamed.replace(`/*flis ${NO_ID}*/`, `/*flis ${id}*/`), 'latin1');

// The caches of earlier builds (and of the name before this one, flis.cjs.cache) go.
for (const file of readdirSync(`${ROOT}dist`)) if (/^flis.*\.cache(\.\d+\.tmp)?$/.test(file)) rmSync(`${ROOT}dist/${file}`, { force: true });
const run = spawnSync(process.execPath, [`${ROOT}bin/flis.cjs`, 'invoice', '--period', 'H1', '--year', '2024', '--json'], {
  cwd: ROOT,
  env: { ...process.env, FLIS_CODE_CACHE: 'write' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (run.status !== 0) {
  process.stderr.write('flis: the run that writes the code cache failed; flis works without it, only colder\n');
}
