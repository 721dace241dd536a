#!/usr/bin/env node
// Entry point of the published package: runs the compiled command line.
import { main } from '../dist/src/cli/main.js';

await main(process.argv.slice(2));
