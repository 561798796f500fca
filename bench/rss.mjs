// Preloaded with `node --import` when /usr/bin/time is not available: writes the process's peak RSS (KB,
// worker threads included, since they share the process) to $BENCH_RSS_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // nothing to report to
    }
  });
}
