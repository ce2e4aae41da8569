#!/usr/bin/env node
// flis: loads the bundled program (dist/flis.cjs, made by npm run build) through V8's code cache, so that a run
// compiles little. V8 takes a cache only from its own version and flags, and checks the source it is offered
// with only by its length; so a cache is named after the bundle (an id the build writes into its first line),
// the Node version and architecture, and the options Node was given (NODE_OPTIONS and the command line, as a
// hash, where there are any): dist/flis-<id>-<node version>-<arch>[-<options>].cache. Two Node versions, or
// two sets of options, used in turn on one install each keep their own, and a cache never meets another
// bundle. It is looked for in dist/, then in the user's cache folder ($XDG_CACHE_HOME/flis, or ~/.cache/flis;
// %LOCALAPPDATA%\flis on Windows). A run that found none, or one V8 rejected, writes it after the run into
// dist/, or, where dist/ cannot be written (a global install owned by root), into the user's cache folder;
// where neither can be written it runs without, only colder. Never an error. FLIS_CODE_CACHE=off runs without
// the cache, =write always writes it. Without a bundle (a build by tsc alone), the modules of dist/ are run.
// CommonJS on purpose: an ES module entry costs Node's module loader before any of flis runs.
'use strict';

const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { isAbsolute, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'flis.cjs');
const mode = process.env.FLIS_CODE_CACHE;

function read(path, encoding) {
  try {
    return readFileSync(path, encoding);
  } catch {
    return undefined;
  }
}

/** The options Node was given, as 8 hex digits (FNV-1a), or '' without any. */
function optionsHash() {
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  if (options === '') return '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < options.length; i++) hash = Math.imul(hash ^ options.charCodeAt(i), 0x01000193) >>> 0;
  return `-${hash.toString(16).padStart(8, '0')}`;
}

/** Where a cache goes where dist/ cannot be written; undefined without a home to put it in. */
function userCacheFolder() {
  const { XDG_CACHE_HOME, HOME, LOCALAPPDATA } = process.env;
  if (XDG_CACHE_HOME && isAbsolute(XDG_CACHE_HOME)) return join(XDG_CACHE_HOME, 'flis');
  if (process.platform === 'win32') return LOCALAPPDATA && isAbsolute(LOCALAPPDATA) ? join(LOCALAPPDATA, 'flis') : undefined;
  return HOME && isAbsolute(HOME) ? join(HOME, '.cache', 'flis') : undefined;
}

function writeCacheAfterRun(script, files) {
  // After the run, so that the functions it compiled are in the cache; the first file that can be written
  // (a temporary file renamed into place, so that a run at the same time never reads half a cache).
  process.once('exit', () => {
    let data;
    try {
      data = script.createCachedData();
    } catch {
      return;
    }
    for (const [file, folder] of files) {
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        if (folder) mkdirSync(folder, { recursive: true });
        writeFileSync(temporary, data);
        renameSync(temporary, file);
        return;
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // its folder cannot be written either
        }
      }
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
  // The bundle is /*flis <id>*/ and one function expression: (function (exports, require, module, __filename, __dirname, __flis_main_url) {…})
  const id = /^\/\*flis ([0-9a-f]{16})\*\//.exec(source.slice(0, 32))?.[1];
  const name = `flis-${id}-${process.version}-${process.arch}${optionsHash()}.cache`;
  const files = [];
  let cached;
  if (mode !== 'off' && id !== undefined) {
    const folder = userCacheFolder();
    files.push([join(dist, name)]);
    if (folder) files.push([join(folder, name), folder]);
    for (const [file] of files) if ((cached = read(file)) !== undefined) break;
  }
  const script = new Script(source, { filename: bundle, ...(cached ? { cachedData: cached } : {}) });
  if (files.length && (mode === 'write' || cached === undefined || script.cachedDataRejected)) writeCacheAfterRun(script, files);
  const program = { exports: {} };
  script.runInThisContext()(program.exports, createRequire(bundle), program, bundle, dist, pathToFileURL(join(dist, 'main.js')).href);
  program.exports.run();
}
