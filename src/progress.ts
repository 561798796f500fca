/** A one-line progress bar on standard error: files done / total, rate and time left. Only for terminals. */

export interface ProgressStream {
  write(s: string): unknown;
  columns?: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export class ProgressBar {
  private readonly started: number;
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    const t = this.now();
    // Redraw at most ten times a second, and always at the end.
    if (done < total && t - this.last < 100) return;
    this.last = t;
    this.stream.write(`\r${this.line(done, total, (t - this.started) / 1000)}\x1b[K`);
    this.shown = true;
  }

  /** The bar's text after `elapsed` seconds. */
  line(done: number, total: number, elapsed: number): string {
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? (total - done) / rate : Infinity;
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 50));
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    return `planlint [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files · ${rate.toFixed(rate >= 10 ? 0 : 1)} files/s · ${done >= total ? `done in ${duration(elapsed)}` : `${duration(left)} left`}`;
  }

  /** Clears the bar, so the report starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
