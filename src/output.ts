/**
 * Writing output files atomically, so a reader never sees half a report and an interrupted run leaves none:
 * a file is written (whole, or piece by piece as a report streams) to a temporary file beside it, then
 * renamed over it. A temporary file still there when the process exits (Ctrl-C: src/signals.ts ends the
 * process with `process.exit`) is removed on the way out.
 */
import { closeSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** Temporary files not yet renamed or removed. */
const pending = new Set<string>();
let exitHook = false;
let serial = 0;

function track(file: string): void {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const f of pending) {
        try {
          unlinkSync(f);
        } catch {
          // already gone
        }
      }
    });
  }
  pending.add(file);
}

function remove(file: string): void {
  pending.delete(file);
  try {
    unlinkSync(file);
  } catch {
    // nothing was written, or it is gone already
  }
}

/** Writes all of `bytes` (a write may take fewer than asked). */
function writeAll(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Text collected into chunks of about this many characters before each write. */
const CHUNK = 1 << 16;

/** A file written in pieces: to a new temporary file, with writes grouped into chunks. */
class PieceFile {
  private fd: number | undefined;
  private parts: string[] = [];
  private size = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx', 0o666);
    track(path);
  }

  write(s: string): void {
    if (s === '') return;
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= CHUNK) this.flush();
  }

  /** Writes bytes as they are, after the text written before them. */
  writeBytes(bytes: Buffer): void {
    this.flush();
    if (this.fd !== undefined) writeAll(this.fd, bytes);
  }

  flush(): void {
    if (this.parts.length === 0 || this.fd === undefined) return;
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    this.parts = [];
    this.size = 0;
    writeAll(this.fd, Buffer.from(text, 'utf8'));
  }

  /** Writes what is pending and closes the file (it stays on disk). */
  close(): void {
    try {
      this.flush();
    } finally {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
    }
  }

  /** Closes and removes the file. */
  discard(): void {
    this.parts = [];
    try {
      if (this.fd !== undefined) closeSync(this.fd);
    } catch {
      // closing failed: removing is what matters
    }
    this.fd = undefined;
    remove(this.path);
  }
}

/** A temporary name beside `file`, unique to this process and write. */
function temporaryBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${(serial++).toString(36)}.tmp`);
}

/** A file written piece by piece, seen by others only once `commit` renames it into place. */
export class AtomicFileWriter {
  private readonly out: PieceFile;

  /** Creates the temporary file beside `file`; throws (with its error code) when it cannot. */
  constructor(readonly file: string) {
    this.out = new PieceFile(temporaryBeside(file));
  }

  /** Writes text, or bytes as they are. */
  write(s: string | Buffer): void {
    if (typeof s === 'string') this.out.write(s);
    else this.out.writeBytes(s);
  }

  /** Puts the file in place. On failure nothing is left behind, and the error is thrown. */
  commit(): void {
    try {
      this.out.close();
      renameSync(this.out.path, this.file);
      pending.delete(this.out.path);
    } catch (e) {
      this.out.discard();
      throw e;
    }
  }

  /** Drops what was written. */
  abort(): void {
    this.out.discard();
  }
}

export function writeFileAtomic(file: string, content: string): void {
  const out = new AtomicFileWriter(file);
  try {
    out.write(content);
  } catch (e) {
    out.abort();
    throw e;
  }
  out.commit();
}

/** Text held back until it can be written out in order: in memory while small, then in a temporary file. */
export class Spool {
  private parts: string[] = [];
  private size = 0;
  private file: PieceFile | undefined;

  /** Characters kept in memory before the text goes to a file. */
  constructor(private readonly limit = 1 << 20) {}

  write(s: string): void {
    if (s === '') return;
    if (this.file) return this.file.write(s);
    this.parts.push(s);
    this.size += s.length;
    if (this.size > this.limit) {
      this.file = new PieceFile(path.join(tmpdir(), `planlint-${process.pid}-${Date.now().toString(36)}${(serial++).toString(36)}.tmp`));
      for (const p of this.parts) this.file.write(p);
      this.parts = [];
    }
  }

  /** Hands all the text to `write`, in order, then forgets it. */
  drain(write: (s: string) => void): void {
    if (!this.file) {
      for (const p of this.parts) write(p);
      this.parts = [];
      return;
    }
    const file = this.file;
    this.file = undefined;
    try {
      file.close();
      const fd = openSync(file.path, 'r');
      try {
        const buffer = Buffer.alloc(1 << 20);
        const decoder = new StringDecoder('utf8');
        for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) write(decoder.write(buffer.subarray(0, n)));
        write(decoder.end());
      } finally {
        closeSync(fd);
      }
    } finally {
      remove(file.path);
    }
  }

  dispose(): void {
    this.parts = [];
    this.file?.discard();
    this.file = undefined;
  }
}
