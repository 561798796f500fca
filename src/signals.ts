/**
 * Interrupted runs (Ctrl-C, a cancelled CI job, a closed terminal): planlint exits at once with 128 + the
 * signal's number — 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP — as a shell reports a process that a
 * signal ended, and leaves no half-written report, cache or baseline behind.
 *
 * Why nothing is left half-written: every file planlint writes (the report of `-o`, the cache, the
 * baseline) goes to a temporary file beside its target — the report and the cache as the run goes, each
 * result as it comes — and is renamed over the target only when complete (src/output.ts). A signal handler
 * runs between two turns of the event loop, never inside synchronous code, so a rename has either happened
 * or not; the temporary files still open are deleted when the process exits (src/output.ts registers
 * them). Without a handler the default action would end the process at any instruction and leave the
 * temporary files. Worker threads (the `--jobs` pool) end with the process; nothing they hold is a file.
 *
 * A file being linted in the main thread (`--jobs 1`) is finished first: the handler runs when it returns.
 */

/** The signals handled, with their numbers (the same on every platform Node supports). */
export const EXIT_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

export type ExitSignal = keyof typeof EXIT_SIGNALS;

/** The exit code for a run a signal ended: 128 + its number. */
export function signalExitCode(signal: ExitSignal): number {
  return 128 + EXIT_SIGNALS[signal];
}

export interface SignalOptions {
  /** Where the one-line notice goes (default: standard error). */
  stderr?: { write(s: string): unknown; isTTY?: boolean };
  /** Ends the process (default: `process.exit`). */
  exit?: (code: number) => void;
}

/**
 * Installs the handlers (once, from bin/planlint.js: the library never touches signals). Returns a
 * function that removes them.
 */
export function installSignalHandlers(options: SignalOptions = {}): () => void {
  const stderr = options.stderr ?? process.stderr;
  const exit = options.exit ?? ((code: number): void => process.exit(code));
  const installed: Array<[ExitSignal, () => void]> = [];
  for (const signal of Object.keys(EXIT_SIGNALS) as ExitSignal[]) {
    const handler = (): void => {
      try {
        // On a terminal, `\r\x1b[K` first clears a progress bar drawn on the line.
        stderr.write(`${stderr.isTTY ? '\r\x1b[K' : ''}planlint: interrupted (${signal})\n`);
      } catch {
        // standard error may be closed already (a closed terminal): exit all the same
      }
      exit(signalExitCode(signal));
    };
    process.on(signal, handler);
    installed.push([signal, handler]);
  }
  return () => {
    for (const [signal, handler] of installed) process.removeListener(signal, handler);
  };
}
