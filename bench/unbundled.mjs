// flis run from the modules of dist/ as tsc writes them: no bundle, no code cache. For the bench (what the
// bundle and the cache gain) and for the test that the bundle gives the same output.
import { run } from '../dist/main.js';

await run();
