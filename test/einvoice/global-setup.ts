// Vitest's global setup: the official stylesheets are compiled for SaxonJS in the background from the start of
// the run (minutes, the first time after an install), while the other test files run; the tests of the
// e-invoices run last (vitest.config.ts) and wait for what is not ready yet. A run that ends before (a run of
// some test files only) stops the compiling; the next run starts it again.

import { prepare, stopCompiling } from './validator.js';

export default function setup(): () => Promise<void> {
  const compiled = Promise.all([prepare('oioubl'), prepare('peppol')]).catch(() => undefined); // a failure is the tests' to report
  return async () => {
    stopCompiling();
    await compiled;
  };
}
