#!/usr/bin/env node
// Entry point: the compiled CLI (run `make` or `npm run build` first).
import { main } from '../build/pipeline/cli.js';

process.exitCode = await main(process.argv.slice(2));
