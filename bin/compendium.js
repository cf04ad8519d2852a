#!/usr/bin/env -S node --max-semi-space-size=32
// Entry point: the compiled CLI (run `make` or `npm run build` first). Run as a program (by this line), the
// young generation is twice V8's default: a build allocates short-lived objects fast, and a rebuild of
// 200 articles spent ~350 ms in scavenges with the default (the PDF's thread sets its own, see
// pipeline/render/thread.ts). `node bin/compendium.js` works too, without it.
import { endQuietlyOnClosedPipe, main } from '../build/pipeline/cli.js';

endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
