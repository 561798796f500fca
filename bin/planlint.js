#!/usr/bin/env node
import { installSignalHandlers } from '../dist/src/signals.js';
import { loadCli } from '../dist/src/launch.js';

// First of all: Ctrl-C and SIGTERM end the run with 130 and 143, leaving no half-written file
// (src/signals.ts). The CLI is loaded after, so that a signal during start-up is handled too.
installSignalHandlers();
// A reader that stops early (`planlint … | head`) closes the pipe: that ends the run quietly, as it does
// for other command-line tools, instead of with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
// The bundled command line when `npm run build` made it, else the modules tsc wrote (src/launch.ts).
const run = await loadCli();

const code = await run(process.argv);
// Everything is written when run() returns (reports and caches are renamed into place before). Exiting now,
// once standard output and error have taken all they were given, rather than when the event loop empties,
// spares a run the wait for V8's background compilations still queued (up to about 15 ms of one file's run).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit(code);
