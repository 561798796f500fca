/**
 * The results cache (`--cache`): one JSON file mapping each linted file to the hash of its content, the
 * hash of the settings it was linted with, and its outcome. An entry is used only when both hashes match,
 * and the whole cache is dropped when planlint's version or its word lists change. Written atomically at
 * the end of a run, so an interrupted run leaves the previous cache whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './output.js';
import { dataDir, planlintVersion } from './paths.js';
import type { Outcome } from './batch.js';

export const DEFAULT_CACHE_FILE = '.planlintcache';
const FORMAT = 1;

interface Entry {
  key: string;
  outcome: Outcome;
}

interface CacheFile {
  format: number;
  engine: string;
  entries: Record<string, Entry>;
}

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

export class LintCache {
  private readonly entries = new Map<string, Entry>();
  private readonly engine = engine();

  /** Loads the cache file; a missing, unreadable or outdated one starts empty (it is rebuilt on save). */
  constructor(readonly file: string) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.format === FORMAT && data.engine === this.engine && data.entries && typeof data.entries === 'object') {
        for (const [k, v] of Object.entries(data.entries)) this.entries.set(k, v);
      }
    } catch {
      // no usable cache: start afresh
    }
  }

  /** The key of a file's content linted with these settings. */
  key(bytes: Uint8Array, settings: unknown): string {
    return createHash('sha256').update(bytes).update('\0').update(JSON.stringify(settings ?? {})).digest('hex');
  }

  /** The cached outcome for a file, under the name this run gives it. */
  get(abs: string, key: string, name: string): Outcome | undefined {
    const entry = this.entries.get(abs);
    if (!entry || entry.key !== key) return undefined;
    const { result, notices } = entry.outcome;
    return {
      ...(result ? { result: { ...result, filePath: name } } : {}),
      notices: notices.map((n) => ({ ...n, filePath: name })),
    };
  }

  set(abs: string, key: string, outcome: Outcome): void {
    this.entries.set(abs, { key, outcome });
  }

  /** Writes the cache, dropping entries of files that no longer exist. */
  save(): void {
    const entries: Record<string, Entry> = {};
    for (const [k, v] of this.entries) if (existsSync(k)) entries[k] = v;
    const data: CacheFile = { format: FORMAT, engine: this.engine, entries };
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileAtomic(this.file, JSON.stringify(data));
  }
}
