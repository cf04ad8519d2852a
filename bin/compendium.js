#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node --max-semi-space-size=32 --min-semi-space-size=16 --interrupt-budget=540672 --initial-old-space-size=128
// Entry point: the compiled CLI (run `make` or `npm run build` first). Run as a program (by this line), five
// settings apply to both threads (`node bin/compendium.js` works too, without them):
// - NODE_EXTRA_CA_CERTS is unset: the build opens no TLS connection, and Node parses the certificates that
//   variable names (a system's whole bundle, where it is set for other tools) at every start: ~40 ms;
// - glibc's malloc asks for transparent huge pages for the memory it maps (where the system grants them on
//   request, as Debian does by default; elsewhere the setting does nothing): buffers of file contents and
//   texts being encoded fill fresh memory, and with 4 KiB pages a 200-article build took ~250,000 page
//   faults at several microseconds each. With it, 15% fewer: the full build ~0.9 s faster (10.6 s ->
//   9.6 s), the rebuild after one edit ~0.25 s (2.72 s -> 2.47 s), medians of 4-5 alternated runs;
// - the young generation is twice V8's default: a build allocates short-lived objects fast, and a
//   rebuild of 200 articles spent ~350 ms in scavenges with the default (the PDF's thread sets its own
//   size, see pipeline/render/thread.ts); it starts at half that, not V8's 1 MB, which it took a dozen
//   scavenges of what the build reads from its cache to grow from (rebuild CPU 3.11 s -> 2.99 s, medians
//   of 5 alternated runs; the full build unchanged);
// - a function is optimized after eight times V8's default amount of work (the interrupt budget): with
//   the default, V8's background threads spent ~2.4 CPU-seconds of a 200-article rebuild compiling
//   ~500 functions, most of them run too briefly to repay it, on the cores the two build threads need.
//   Measured on 2 cores: the rebuild's CPU time fell by a fifth and the full build's by a seventh;
// - the old generation starts at 128 MB: from V8's small start, each thread ran three or four full
//   collections while it loaded its modules and read the cache (the PDF's thread ~0.1 s, on its way to
//   the first layout). A one-edit rebuild of 200 articles: 2.78 s -> 2.56 s (medians of 5 alternated
//   runs, CPU 3.8 s -> 3.4 s); the full build unchanged (11.9 s, 3 alternated runs), and its peak memory.
//
// For a build, the PDF's render thread is started first, before the CLI's own modules load: that start-up
// leaves the second core idle, and the thread spends it loading pdfkit and fontkit (see
// prestartRenderThread in pipeline/render/thread.ts; the build takes the thread or ends it).
const prestarted = process.argv[2] === 'build' ? (await import('../build/pipeline/render/thread.js')).prestartRenderThread('pdf') : null;
const { endQuietlyOnClosedPipe, main } = await import('../build/pipeline/cli.js');

endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2), undefined, prestarted);
