#!/usr/bin/env node

// The harness is TypeScript, run by tsx: in this process, and in every process it starts
// (Playwright's runner and workers, the reference server, Allure), through NODE_OPTIONS.
// Playwright compiles TypeScript itself but never a file under node_modules, where an
// installed copy of this package lives.
const { pathToFileURL } = require('node:url');

const tsx = pathToFileURL(require.resolve('tsx')).href;
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--import=${tsx}`].filter(Boolean).join(' ');
require('tsx/cjs');
require('../scripts/cli.ts');
