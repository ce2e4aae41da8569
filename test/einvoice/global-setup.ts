// Vitest's global setup: the official stylesheets are compiled for SaxonJS in the background from the start of
// the run (minutes, the first time after an install), while the other test files run; the tests of the
// e-invoices run last (vitest.config.ts) and wait for what is not ready yet. A run that ends before (a run of
// some test files only) stops the compiling; the next run starts it again.

import { prepare, stopCompiling } from './validator.js';

export default function setup(): () => Promise<void> {
  // Peppol's stylesheets first (under a minute), so that its tests can run while OIOUBL's (minutes) compile.
  const compiled = prepare('peppol')
    .catch(() => undefined)
    .then(() => prepare('oioubl'))
    .catch(() => undefined); // a failure is the tests' to report
  return async () => {
    stopCompiling();
    await compiled;
  };
}
