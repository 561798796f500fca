/**
 * The results cache (`--cache`): one JSON file mapping each linted file to the hash of its content and of
 * the settings it was linted with, and its outcome. An entry is used only when the hash matches, and the
 * whole cache is dropped when planlint's version or its word lists change.
 *
 * Layout: one JSON object, `{"format":4,"engine":…,"entries":{` on the first line, then one entry per line
 * (`"<path>":{"key":…,"stat":…,"sum":…,"outcome":…}`), then `}}`. An outcome is `{"notices":[…],"result":…}`
 * with the result in the JSON report's shape, less the file's name (each run gives its own), and `sum` is the
 * SHA-256 of the outcome's bytes. Loading only indexes the lines (path, keys, where the outcome lies); an
 * outcome is read when its file is looked up, and an entry carried over to the next cache is copied as bytes,
 * so memory does not grow with the cache. An outcome with no notices is not even parsed unless its result is
 * read: the JSON report copies its bytes (its sum vouches that they are as written). Any other layout of the
 * same JSON (a cache edited by hand) is read by parsing it whole.
 *
 * A run writes the new cache as it goes, each new outcome as it comes, to a temporary file beside the cache;
 * `save` adds the entries kept from before and renames it into place, so an interrupted run leaves the
 * previous cache whole. A run that changes nothing writes nothing.
 */
import type { Hash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { AtomicFileWriter } from './output.js';
import { dataDir, planlintVersion } from './paths.js';
import type { Outcome } from './batch.js';
import type { Notice } from './files.js';
import { fromJsonResult, jsonResult, type JsonResult, type ResultBytes } from './formatters/json.js';
import type { LintResult } from './types.js';

/**
 * A SHA-256 hash. node:crypto is loaded on first use, not with the command line: a run without `--cache`
 * never needs it, and loading it costs a run of one file several milliseconds.
 */
function createHash(algorithm: 'sha256'): Hash {
  return process.getBuiltinModule('node:crypto').createHash(algorithm);
}

export const DEFAULT_CACHE_FILE = '.planlintcache';
const FORMAT = 4;

/** How a file is known unchanged: by its status first (`metadata`, the default), or only by its content. */
export type CacheStrategy = 'metadata' | 'content';
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ['metadata', 'content'];

/** The status key of an entry whose file's status was too recent to vouch for its content. */
const NO_STAT = '0'.repeat(64);

/**
 * A file changed this long (ms) before its status was read may have changed again within the same tick of a
 * coarse file-system clock (2 s on FAT) without its times showing it: its status vouches for nothing.
 */
const RACY_MS = 2000;

let engineId: string | undefined;

/** planlint's version and the content of its word lists: what, besides settings, decides results. */
function engine(): string {
  if (engineId) return engineId;
  const hash = createHash('sha256').update(planlintVersion());
  const dir = dataDir();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(name).update(readFileSync(full));
    }
  };
  walk(dir);
  return (engineId = hash.digest('hex'));
}

/** Where the cache lives: `--cache-location` as a file, or a folder (existing, or written with a trailing slash) holding `.planlintcache`. */
export function cachePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const abs = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (existsSync(abs) && statSync(abs).isDirectory());
  return isDir ? path.join(abs, DEFAULT_CACHE_FILE) : abs;
}

/** An entry of the cache file read: its key, and its line and outcome as byte ranges of the file (or its outcome parsed). */
interface StoredEntry {
  key: string;
  /** The hash of the file's status and settings when it was linted (NO_STAT: none). */
  stat: string;
  /** In the line layout: the SHA-256 of the outcome's bytes. */
  sum?: string;
  line?: [number, number];
  outcome?: [number, number] | unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKey = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** Whether parsed JSON has the shape of a stored outcome (a hand-edited cache may hold anything). */
function isStored(v: unknown): v is { notices: Notice[]; result?: Omit<JsonResult, 'filePath'> } {
  if (!isObject(v) || !Array.isArray(v.notices) || !v.notices.every(isObject)) return false;
  const r = v.result;
  return r === undefined || (isObject(r) && Array.isArray(r.messages) && r.messages.every(isObject));
}

/** A stored outcome as this run's outcome for the file it calls `name`. */
function toOutcome(stored: unknown, name: string): Outcome | undefined {
  if (!isStored(stored)) return undefined;
  const notices = stored.notices.map((n) => ({ ...n, filePath: name }));
  if (!stored.result) return { notices };
  // A fatal message (only in a cache edited by hand) is a notice, as `planlint merge` reads it.
  const back = fromJsonResult({ ...stored.result, filePath: name });
  notices.push(...back.notices);
  return back.result ? { result: back.result, notices } : { notices };
}

/** The start of a stored outcome with no notices and a result: `{"messages":[` is the result's own start. */
const BARE_OPEN = Buffer.from('{"notices":[],"result":');
const MESSAGES_OPEN = Buffer.from('{"messages":[');
/** Where a result's messages end and its counts begin: never inside a JSON string, whose quotes are escaped. */
const COUNTS_OPEN = Buffer.from('],"errorCount":');

/** An outcome's bytes as the cache stores them. */
function outcomeBytes(outcome: Outcome): Buffer {
  if (outcome.json && outcome.notices.length === 0) return Buffer.concat([BARE_OPEN, outcome.json.json, CLOSE_OUTCOME]);
  let text = `{"notices":${JSON.stringify(outcome.notices)}`;
  if (outcome.result) {
    const json: Partial<JsonResult> = jsonResult(outcome.result);
    delete json.filePath;
    text += `,"result":${JSON.stringify(json)}`;
  }
  return Buffer.from(`${text}}`);
}

/**
 * An outcome from the cache with no notices, its result not parsed until something reads it: the JSON
 * report copies `json` instead, and the exit code needs only the counts, read from the bytes.
 */
class CachedOutcome implements Outcome {
  readonly notices: Notice[] = [];
  declare readonly result: LintResult;

  private constructor(readonly json: ResultBytes) {
    let parsed: LintResult | undefined;
    // An own, enumerable property, as on any outcome: copied or serialized, the outcome keeps its result.
    Object.defineProperty(this, 'result', {
      enumerable: true,
      get: () => (parsed ??= toOutcome({ notices: [], result: JSON.parse(json.json.toString('utf8')) }, json.filePath)?.result as LintResult),
    });
  }

  /** The outcome in these bytes, when they have no notices and a result (else undefined: parse them). */
  static from(bytes: Buffer, name: string): CachedOutcome | undefined {
    const at = BARE_OPEN.length;
    if (!bytes.subarray(at, at + MESSAGES_OPEN.length).equals(MESSAGES_OPEN) || !bytes.subarray(0, at).equals(BARE_OPEN) || bytes[bytes.length - 1] !== BRACE) return undefined;
    const json = bytes.subarray(at, bytes.length - 1);
    const counts = json.indexOf(COUNTS_OPEN);
    const m = counts < 0 ? null : /^(\d+),"warningCount":(\d+),/.exec(json.toString('latin1', counts + COUNTS_OPEN.length, counts + COUNTS_OPEN.length + 48));
    if (!m) return undefined;
    return new CachedOutcome({ filePath: name, json, errorCount: Number(m[1]), warningCount: Number(m[2]) });
  }
}

const KEY_OPEN = Buffer.from(':{"key":"');
const STAT_OPEN = Buffer.from('","stat":"');
const SUM_OPEN = Buffer.from('","sum":"');
const OUTCOME_OPEN = Buffer.from('","outcome":');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const BRACE = 0x7d;
const CLOSE = Buffer.from('}}');
const CLOSE_OUTCOME = Buffer.from('}');

/** Bytes of a line read at once when looking at its start: the path and key are in them. */
const HEAD = 8192;

/**
 * A cache file in the line layout, read through its descriptor: loading reads it once, in chunks, to index
 * the lines (the path and key of each); an outcome is read again when it is looked up. Memory stays small
 * however large the cache. The file is never written: a new cache replaces it by renaming.
 */
class LineFile {
  private constructor(
    private fd: number | undefined,
    readonly entries: Map<string, StoredEntry>,
  ) {}

  /** The file's entries, or undefined when it is not in the line layout with this header. */
  static open(file: string, header: Buffer): LineFile | undefined {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return undefined;
    }
    const entries = LineFile.index(fd, header);
    if (entries) return new LineFile(fd, entries);
    closeSync(fd);
    return undefined;
  }

  /** Exactly the bytes [start, end), or undefined when the file is shorter. */
  read(start: number, end: number): Buffer | undefined {
    if (this.fd === undefined) return undefined;
    return readExactly(this.fd, start, end - start);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private static index(fd: number, header: Buffer): Map<string, StoredEntry> | undefined {
    const first = readExactly(fd, 0, header.length + 1);
    if (!first || !first.subarray(0, header.length).equals(header) || first[header.length] !== 0x0a) return undefined;
    const size = fstatSync(fd).size;
    const entries = new Map<string, StoredEntry>();
    const chunk = Buffer.allocUnsafe(1 << 20);
    let chunkStart = 0;
    let chunkLength = 0;
    /** Bytes [pos, pos + length): from the chunk in hand when it holds them, else read. */
    const at = (pos: number, length: number): Buffer | undefined =>
      pos >= chunkStart && pos + length <= chunkStart + chunkLength ? chunk.subarray(pos - chunkStart, pos - chunkStart + length) : readExactly(fd, pos, length);
    let lineStart = header.length + 1;
    for (let pos = lineStart; pos < size; ) {
      chunkStart = pos;
      chunkLength = readSync(fd, chunk, 0, chunk.length, pos);
      if (chunkLength <= 0) return undefined;
      const view = chunk.subarray(0, chunkLength);
      for (let nl = view.indexOf(0x0a, Math.max(0, lineStart - chunkStart)); nl >= 0; nl = view.indexOf(0x0a, nl + 1)) {
        const lineEnd = chunkStart + nl;
        if (lineEnd - lineStart === 2 && at(lineStart, 2)?.equals(CLOSE)) return lineEnd === size - 1 ? entries : undefined;
        const entry = LineFile.entry(at, lineStart, lineEnd);
        if (!entry) return undefined;
        entries.set(entry[0], entry[1]);
        lineStart = lineEnd + 1;
      }
      pos = chunkStart + chunkLength;
    }
    return undefined; // no closing line
  }

  /** One entry line, `"<path>":{"key":"<64 hex>","stat":"<64 hex>","sum":"<64 hex>","outcome":<JSON>}` with a comma after all but the last. */
  private static entry(at: (pos: number, length: number) => Buffer | undefined, start: number, end: number): [string, StoredEntry] | undefined {
    const head = at(start, Math.min(HEAD, end - start));
    const tail = end - start >= 2 ? at(end - 2, 2) : undefined;
    if (!head || !tail || head[0] !== QUOTE) return undefined;
    // The path: a JSON string, whose only unescaped quote is its last.
    let q = 1;
    while (q < head.length && head[q] !== QUOTE) q += head[q] === BACKSLASH ? 2 : 1;
    const keyAt = q + 1 + KEY_OPEN.length;
    const statAt = keyAt + 64 + STAT_OPEN.length;
    const sumAt = statAt + 64 + SUM_OPEN.length;
    const outcomeAt = sumAt + 64 + OUTCOME_OPEN.length;
    if (
      outcomeAt > head.length ||
      !head.subarray(q + 1, keyAt).equals(KEY_OPEN) ||
      !head.subarray(keyAt + 64, statAt).equals(STAT_OPEN) ||
      !head.subarray(statAt + 64, sumAt).equals(SUM_OPEN) ||
      !head.subarray(sumAt + 64, outcomeAt).equals(OUTCOME_OPEN)
    ) {
      return undefined;
    }
    const last = tail[1] === COMMA ? end - 1 : end;
    if ((tail[1] === COMMA ? tail[0] : tail[1]) !== BRACE || start + outcomeAt >= last - 1) return undefined;
    let abs: unknown;
    try {
      abs = JSON.parse(head.toString('utf8', 0, q + 1));
    } catch {
      return undefined;
    }
    const key = head.toString('latin1', keyAt, keyAt + 64);
    const stat = head.toString('latin1', statAt, statAt + 64);
    const sum = head.toString('latin1', sumAt, sumAt + 64);
    if (typeof abs !== 'string' || !isKey(key) || !isKey(stat) || !isKey(sum)) return undefined;
    return [abs, { key, stat, sum, line: [start, last], outcome: [start + outcomeAt, last - 1] }];
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function entryLine(abs: string, key: string, stat: string, outcome: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify(abs)}:{"key":"${key}","stat":"${stat}","sum":"${sha256(outcome)}","outcome":`), outcome, CLOSE_OUTCOME]);
}

function readExactly(fd: number, pos: number, length: number): Buffer | undefined {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, pos + done);
    if (n <= 0) return undefined;
    done += n;
  }
  return out;
}

export class LintCache {
  private readonly engine = engine();
  private readonly header: Buffer;
  /** The cache file, when in the line layout: its entries point into it. */
  private lines: LineFile | undefined;
  /** Entries from the cache file that this run has not replaced. */
  private readonly stored = new Map<string, StoredEntry>();
  /** Files looked up and found this run (they exist: no need to check before keeping them). */
  private readonly used = new Set<string>();
  /** The new cache, once this run has an outcome to add. */
  private out: AtomicFileWriter | undefined;
  private readonly written = new Set<string>();
  /** Entry lines in the new cache so far. */
  private count = 0;
  private failure: unknown;
  /** Settings, as JSON, with their hash: most files of a batch share a handful of settings. */
  private readonly settingsHashes = new Map<string, string>();

  /** Loads the cache file; a missing, unreadable or outdated one starts empty (it is rebuilt on save). */
  constructor(
    readonly file: string,
    private readonly strategy: CacheStrategy = 'metadata',
  ) {
    this.header = Buffer.from(`{"format":${FORMAT},"engine":${JSON.stringify(this.engine)},"entries":{`);
    this.lines = LineFile.open(file, this.header);
    if (this.lines) {
      for (const [k, v] of this.lines.entries) this.stored.set(k, v);
      this.lines.entries.clear();
      return;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return; // no cache yet
    }
    try {
      const data = JSON.parse(bytes.toString('utf8')) as unknown;
      if (isObject(data) && data.format === FORMAT && data.engine === this.engine && isObject(data.entries)) {
        for (const [k, v] of Object.entries(data.entries)) {
          if (isObject(v) && isKey(v.key) && isStored(v.outcome)) this.stored.set(k, { key: v.key, stat: isKey(v.stat) ? v.stat : NO_STAT, outcome: v.outcome });
        }
      }
    } catch {
      // no usable cache: start afresh
    }
  }

  /** The hash of settings, as JSON: most files of a batch share a handful of settings. */
  private settingsHash(settings: unknown): string {
    const json = JSON.stringify(settings ?? {});
    let hash = this.settingsHashes.get(json);
    if (hash === undefined) this.settingsHashes.set(json, (hash = createHash('sha256').update(json).digest('hex')));
    return hash;
  }

  /** The key of a file's content linted with these settings. */
  key(bytes: Uint8Array, settings: unknown): string {
    return createHash('sha256').update(bytes).update('\0').update(this.settingsHash(settings)).digest('hex');
  }

  /** The key of a file's status linted with these settings; undefined when too recent to vouch for its content. */
  statKey(stat: Stats, settings: unknown): string | undefined {
    if (Math.max(stat.mtimeMs, stat.ctimeMs) > Date.now() - RACY_MS) return undefined;
    const status = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    return createHash('sha256').update(status).update('\0').update(this.settingsHash(settings)).digest('hex');
  }

  /** The cached outcome for a file whose status is as cached (not read again), under the name this run gives it. */
  getUnchanged(abs: string, stat: Stats, settings: unknown, name: string): Outcome | undefined {
    if (this.strategy !== 'metadata') return undefined;
    const entry = this.stored.get(abs);
    if (!entry || entry.stat === NO_STAT || entry.stat !== this.statKey(stat, settings)) return undefined;
    return this.load(abs, entry, name);
  }

  /**
   * The cached outcome for a file's content, under the name this run gives it. With the file's status key,
   * an entry found by content alone is rewritten with it, so the next run need not read the file.
   */
  get(abs: string, key: string, name: string, statKey?: string): Outcome | undefined {
    const entry = this.stored.get(abs);
    if (!entry || entry.key !== key) return undefined;
    const outcome = this.load(abs, entry, name);
    if (outcome && statKey !== undefined && statKey !== entry.stat) this.set(abs, key, outcome, statKey);
    return outcome;
  }

  private load(abs: string, entry: StoredEntry, name: string): Outcome | undefined {
    let outcome: Outcome | undefined;
    if (entry.line) {
      const [start, end] = entry.outcome as [number, number];
      const bytes = this.lines?.read(start, end);
      // Bytes other than those written (a damaged or edited line): the file is linted again.
      if (!bytes || sha256(bytes) !== entry.sum) return undefined;
      try {
        outcome = CachedOutcome.from(bytes, name) ?? toOutcome(JSON.parse(bytes.toString('utf8')), name);
      } catch {
        return undefined;
      }
    } else {
      try {
        outcome = toOutcome(structuredClone(entry.outcome), name);
      } catch {
        return undefined;
      }
    }
    if (outcome) this.used.add(abs);
    return outcome;
  }

  /** Adds a file's outcome to the new cache, at once. */
  set(abs: string, key: string, outcome: Outcome, statKey = NO_STAT): void {
    this.stored.delete(abs);
    if (this.failure !== undefined || this.written.has(abs)) return;
    try {
      this.append(entryLine(abs, key, statKey, outcomeBytes(outcome)));
      this.written.add(abs);
    } catch (e) {
      // Reported by save(); the run goes on without the cache.
      this.failure = e;
      this.out?.abort();
      this.out = undefined;
    }
  }

  /** Adds an entry line to the new cache, starting it first if need be. */
  private append(line: Buffer): void {
    const out = this.start();
    out.write(this.count++ === 0 ? '\n' : ',\n');
    out.write(line);
  }

  private start(): AtomicFileWriter {
    if (this.out) return this.out;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const out = new AtomicFileWriter(this.file);
    out.write(this.header);
    return (this.out = out);
  }

  /** Writes the cache: the new outcomes, and the earlier entries of files that still exist. */
  save(): void {
    if (this.failure !== undefined) {
      this.close();
      throw this.failure;
    }
    const keep = [...this.stored].filter(([abs]) => this.used.has(abs) || existsSync(abs));
    if (!this.out && keep.length === this.stored.size) {
      this.close();
      return; // nothing added, nothing to drop: the file is up to date
    }
    try {
      for (const [abs, entry] of keep) {
        const line = entry.line && this.lines?.read(entry.line[0], entry.line[1]);
        if (line) this.append(line);
        else if (!entry.line) {
          // From a cache in another layout (edited by hand): written again as this run writes an outcome, so
          // that the JSON report, which copies an entry's bytes, gives what parsing it would.
          const outcome = toOutcome(entry.outcome, abs);
          if (outcome) this.append(entryLine(abs, entry.key, entry.stat, outcomeBytes(outcome)));
        }
      }
      const out = this.start();
      out.write('\n}}\n');
      out.commit();
    } catch (e) {
      this.out?.abort();
      throw e;
    } finally {
      this.out = undefined;
      this.close();
    }
  }

  /** Drops the new cache unwritten (the run failed). */
  discard(): void {
    this.out?.abort();
    this.out = undefined;
    this.close();
  }

  private close(): void {
    this.lines?.close();
    this.lines = undefined;
    this.stored.clear();
  }
}
