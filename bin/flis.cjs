#!/usr/bin/env node
// flis: loads the bundled program (dist/flis.cjs, made by npm run build) through V8's code cache
// (dist/flis.cjs.cache), so that a run compiles little. A cache V8 rejects (another Node version or flags) or
// cannot read is ignored, and written anew after the run where the folder is writable; a read-only install
// runs without it, only colder. FLIS_CODE_CACHE=off runs without the cache, =write always writes it.
// Without a bundle (a build by tsc alone), the modules of dist/ are run as they are.
// CommonJS on purpose: an ES module entry costs Node's module loader before any of flis runs.
'use strict';

const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'flis.cjs');
const cacheFile = `${bundle}.cache`;
const mode = process.env.FLIS_CODE_CACHE;

function read(path, encoding) {
  try {
    return readFileSync(path, encoding);
  } catch {
    return undefined;
  }
}

function writeCacheAfterRun(script) {
  // After the run, so that the functions it compiled are in the cache; never an error if it cannot be written.
  process.once('exit', () => {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      rmSync(temporary, { force: true });
    }
  });
}

const source = read(bundle, 'latin1'); // ASCII, as the build checks
if (source === undefined) {
  import(pathToFileURL(join(dist, 'main.js')).href).then(
    ({ run }) => run(),
    (error) => {
      process.stderr.write(`flis: internal error: flis is not built (${error.code ?? error.message}): run npm install, or npm run build\n`);
      process.exitCode = 3;
    },
  );
} else {
  const cached = mode === 'off' ? undefined : read(cacheFile);
  // The bundle is one function expression: (function (exports, require, module, __filename, __dirname, __flis_main_url) {…})
  const script = new Script(source, { filename: bundle, ...(cached ? { cachedData: cached } : {}) });
  if (mode === 'write' || (mode !== 'off' && (cached === undefined || script.cachedDataRejected))) writeCacheAfterRun(script);
  const program = { exports: {} };
  script.runInThisContext()(program.exports, createRequire(bundle), program, bundle, dist, pathToFileURL(join(dist, 'main.js')).href);
  program.exports.run();
}
