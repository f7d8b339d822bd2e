#!/usr/bin/env node
// Launcher: the compiled CLI lives in build/ (made by `npm install` through the prepare script).
import { main } from '../build/src/cli/main.js';

const code = await main(process.argv.slice(2));
// Let pending stdout writes drain before exiting.
process.exitCode = code;
