#!/usr/bin/env node
// flis: the built program lives in dist/ (npm install builds it).
import { run } from '../dist/main.js';

await run();
