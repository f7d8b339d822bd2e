#!/usr/bin/env node
// Launcher: the compiled CLI lives in build/ (made by `npm install` through the prepare script).
import { launch } from '../build/src/cli/launch.js';

const code = await launch(process.argv.slice(2));
// Let pending stdout writes drain before exiting.
process.exitCode = code;
