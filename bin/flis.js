#!/usr/bin/env node
// Kept for scripts and cron lines that run `node bin/flis.js`: the program is bin/flis.cjs (CommonJS, which
// starts faster; `npx flis` runs it directly).
import './flis.cjs';
