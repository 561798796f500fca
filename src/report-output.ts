/**
 * A report on its way out: each result is formatted as it comes and written (to `-o` through a temporary
 * file renamed at the end, else to standard output), then dropped; only totals are kept for the exit code.
 */
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Notice } from './files.js';
import { reports, type ReportBuilder } from './formatters/index.js';
import type { ResultBytes } from './formatters/json.js';
import { printableNotices } from './formatters/printable.js';
import { AtomicFileWriter, Spool } from './output.js';
import type { LintResult } from './types.js';

export interface ReportOptions {
  format: string;
  outputFile?: string;
  maxWarnings?: number;
}

export interface ReportIO {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

interface Sink {
  write(s: string | Buffer): void;
  commit(): void;
  abort(): void;
}

/** Standard output, written in chunks; with `hold`, nothing at all until `commit`. */
class StdoutSink implements Sink {
  private parts: Array<string | Buffer> = [];
  private size = 0;

  constructor(
    private readonly stdout: { write(s: string | Uint8Array): unknown },
    private readonly hold: boolean,
    private readonly beforeWrite?: () => void,
  ) {}

  write(s: string | Buffer): void {
    this.parts.push(s);
    this.size += s.length;
    if (!this.hold && this.size >= 1 << 16) this.flush(false);
  }

  private flush(all: boolean): void {
    if (this.parts.length === 0) return;
    // Text, or bytes when any part is (a cached result copied as it is): a Buffer holds whole characters.
    let text: string | Buffer =
      this.parts.length === 1 ? (this.parts[0] as string | Buffer) : this.parts.every((p) => typeof p === 'string') ? this.parts.join('') : Buffer.concat(this.parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    let rest: string | Buffer = '';
    if (!all && this.beforeWrite) {
      // A progress bar shares the terminal: write whole lines only, so that it never redraws over half of one.
      const cut = text.lastIndexOf('\n') + 1;
      rest = typeof text === 'string' ? text.slice(cut) : text.subarray(cut);
      text = typeof text === 'string' ? text.slice(0, cut) : text.subarray(0, cut);
    }
    this.parts = rest.length === 0 ? [] : [rest];
    this.size = rest.length;
    if (text.length === 0) return;
    this.beforeWrite?.();
    this.stdout.write(text);
  }

  commit(): void {
    this.flush(true);
  }

  abort(): void {
    this.parts = [];
  }
}

export interface OpenOptions {
  /** Write nothing to standard output before `finish` (the run may still fail after the last result). */
  hold?: boolean;
  /** Called before each write to standard output (to clear a progress bar drawn on the terminal). */
  beforeWrite?: () => void;
}

export class ReportOutput {
  private errors = 0;
  private warnings = 0;
  private failure: unknown;
  private readonly spool: Spool | undefined;
  /** The last character of the results' text, for the final line break. */
  private bodyEnd = '';
  private closed = false;

  private constructor(
    private readonly builder: ReportBuilder,
    private readonly sink: Sink,
    private readonly options: ReportOptions,
    private readonly io: ReportIO,
  ) {
    if (builder.headAtEnd) this.spool = new Spool();
  }

  /** Starts a report; when its output file cannot be created, says so and returns exit code 2. */
  static open(options: ReportOptions, io: ReportIO, color: ChalkInstance, openOptions: OpenOptions = {}): ReportOutput | number {
    const format = reports[options.format] ?? (reports.stylish as NonNullable<(typeof reports)['stylish']>);
    let sink: Sink;
    if (options.outputFile) {
      try {
        sink = new AtomicFileWriter(path.resolve(io.cwd, options.outputFile));
      } catch (e) {
        ReportOutput.cannotWrite(options, io, e);
        return 2;
      }
    } else {
      sink = new StdoutSink(io.stdout, openOptions.hold === true, openOptions.beforeWrite);
    }
    return new ReportOutput(format({ color }), sink, options, io);
  }

  private static cannotWrite(options: ReportOptions, io: ReportIO, e: unknown): void {
    io.stderr.write(`planlint: ${options.outputFile ?? 'standard output'}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
  }

  /** Formats one result and writes it; counts what decides the exit code. */
  add(r: LintResult): void {
    this.count(r);
    if (this.failure === undefined) this.emit(this.builder.result(r));
  }

  /**
   * Writes a result already in JSON as it is, when the format can take it so (the JSON report, not held for
   * a head written at the end); false when it cannot, and the result must be parsed and given to `add`.
   */
  addBytes(r: ResultBytes): boolean {
    if (!this.builder.resultBytes || this.spool) return false;
    this.count(r);
    if (this.failure === undefined) this.emit(this.builder.resultBytes(r));
    return true;
  }

  private count(r: Pick<LintResult, 'errorCount' | 'warningCount'>): void {
    this.errors += r.errorCount;
    this.warnings += r.warningCount;
  }

  /** Writes a result's text (bytes only when nothing is spooled). */
  private emit(text: string | Buffer): void {
    if (text.length === 0) return;
    if (typeof text === 'string') {
      this.bodyEnd = text.charAt(text.length - 1);
      this.guard(() => (this.spool ?? this.sink).write(text));
    } else {
      this.bodyEnd = String.fromCharCode(text[text.length - 1] as number);
      this.guard(() => this.sink.write(text));
    }
  }

  /** Runs a write; an I/O error stops the output (reported by `finish`). */
  private guard(write: () => void): void {
    try {
      write();
    } catch (e) {
      this.failure = e;
      this.abort();
    }
  }

  /**
   * Ends the report, writes it out, prints the notices and returns the exit code: 2 when a file could not
   * be linted or the report not written, 1 for errors or too many warnings, else 0.
   */
  finish(notices: Notice[]): number {
    if (this.failure === undefined) {
      const { head = '', tail } = this.builder.end(notices);
      this.guard(() => {
        this.sink.write(head);
        this.spool?.drain((s) => this.sink.write(s));
        this.sink.write(tail);
        const last = tail !== '' ? tail.charAt(tail.length - 1) : this.bodyEnd !== '' ? this.bodyEnd : head.charAt(head.length - 1);
        if (last !== '' && last !== '\n') this.sink.write('\n');
        this.closed = true;
        this.sink.commit();
      });
    }
    if (this.failure !== undefined) {
      ReportOutput.cannotWrite(this.options, this.io, this.failure);
      return 2;
    }
    for (const n of printableNotices(notices)) this.io.stderr.write(`planlint: ${n.level}: ${n.filePath}: ${n.message}\n`);

    if (notices.some((n) => n.level === 'error')) return 2;
    if (this.errors > 0) return 1;
    if (this.options.maxWarnings !== undefined && this.warnings > this.options.maxWarnings) {
      this.io.stderr.write(`planlint: too many warnings (${this.warnings}); the maximum allowed is ${this.options.maxWarnings}\n`);
      return 1;
    }
    return 0;
  }

  /** Drops the report: nothing more is written, and an output file is not created. */
  abort(): void {
    if (this.closed && this.failure === undefined) return;
    this.closed = true;
    this.spool?.dispose();
    this.sink.abort();
  }
}
