/**
 * The Node layer: finds plan files, reads and decodes them (Word documents through the guarded reader).
 * A file that cannot be read becomes a one-line notice; planlint never writes to a linted file.
 */
import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { formatFor } from './linter.js';
import { TOO_LARGE } from './document.js';
import { MAX_DOCUMENT_CHARS } from './source.js';
import type { PlanFormat } from './types.js';

export const PLAN_EXTENSIONS = ['.md', '.markdown', '.txt', '.html', '.htm', '.docx'];
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface Notice {
  filePath: string;
  level: 'error' | 'warning';
  message: string;
}

/** Decodes file bytes: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM. Returns undefined for binary data. */
export function decode(bytes: Uint8Array): { text: string; warning?: string } | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return undefined;
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), warning: 'is not valid UTF-8; undecodable bytes were replaced' };
  }
}

async function walk(dir: string, out: string[], skip: (abs: string) => boolean): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Symbolic links are not followed inside directories: no loops, no escaping the tree.
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !skip(full + path.sep)) await walk(full, out, skip);
    } else if (entry.isFile() && isPlanFile(entry.name) && !skip(full)) {
      out.push(full);
    }
  }
}

const isPlanFile = (name: string): boolean => PLAN_EXTENSIONS.includes(path.extname(name).toLowerCase());
const GLOB_RE = /[*?[\]{}!]/;

export interface FindOptions {
  /** Files and folders (absolute paths; folders end with a separator) to leave out. */
  ignored?: (abs: string) => boolean;
}

/**
 * Expands paths — files, directories and glob patterns — into plan files, in a stable order. A path that
 * does not exist, a directory with no plan files and a pattern that matches nothing are errors; a file
 * named outright but ignored is skipped with a warning.
 */
export async function findPlanFiles(paths: string[], cwd = process.cwd(), options: FindOptions = {}): Promise<{ files: string[]; notices: Notice[] }> {
  const files: string[] = [];
  const notices: Notice[] = [];
  const skip = options.ignored ?? ((): boolean => false);
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && GLOB_RE.test(p)) {
        const { glob } = await import('tinyglobby');
        const matched = (await glob(p, { cwd, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'], followSymbolicLinks: false, expandDirectories: false }))
          .filter((f) => isPlanFile(f))
          .sort();
        if (matched.length === 0) notices.push({ filePath: p, level: 'error', message: 'pattern matches no plan files' });
        files.push(...matched.filter((f) => !skip(path.resolve(cwd, f))).map((f) => path.normalize(f)));
        continue;
      }
      notices.push({ filePath: p, level: 'error', message: code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code ?? 'error'})` });
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      try {
        await walk(abs, found, skip);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // The same words as for a file that cannot be read (batch.ts).
        notices.push({ filePath: p, level: 'error', message: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `cannot be read (${code ?? 'error'})` });
        continue;
      }
      if (found.length === 0 && !(await holdsPlanFiles(abs))) {
        notices.push({ filePath: p, level: 'error', message: `directory holds no plan files (${PLAN_EXTENSIONS.join(', ')})` });
      }
      files.push(...found.map((f) => path.relative(cwd, f) || f));
    } else if (skip(abs)) {
      notices.push({ filePath: p, level: 'warning', message: 'is ignored by an ignore pattern; skipped' });
    } else if (!stat.isFile()) {
      // A pipe with no writer would block the run forever, and /dev/zero never ends: only regular files are read.
      notices.push({ filePath: p, level: 'error', message: 'is not a regular file (a pipe, socket or device); not read (use "-" for standard input)' });
    } else {
      files.push(p);
    }
  }
  return { files: [...new Set(files)], notices };
}

/** Whether a directory holds plan files at all, ignored or not (a folder whose plans are all ignored is not an error). */
async function holdsPlanFiles(dir: string): Promise<boolean> {
  const all: string[] = [];
  await walk(dir, all, () => false);
  return all.length > 0;
}

/** A plan file's text, read and decoded, or a one-line notice saying why it cannot be used. */
export interface PlanText {
  text?: string;
  /** How to read `text` (a Word document's text is its HTML). */
  format?: PlanFormat;
  notice?: Notice;
}

/** Why a file cannot be read, in a few words, from the error Node gives (a missing one in findPlanFiles' words). */
function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code ?? 'error'})`;
}

/**
 * Reads a plan file's bytes. Never throws: a file that cannot be read, a pipe or device (opening a pipe with
 * no writer blocks for ever; /dev/zero never ends) and a file too large to hold MAX_DOCUMENT_CHARS characters
 * (3 bytes each at most in UTF-8) each give a notice instead, without being read. `skip`, given the file's
 * status, may answer for it without reading (a cache that knows the file unchanged): then no bytes come back.
 */
export function readPlanBytes(
  filePath: string,
  abs: string,
  skip?: (stat: Stats) => boolean,
): { bytes?: Uint8Array; notice?: Notice; stat?: Stats } {
  try {
    // Read at once, not through the thread pool: a plan is a few KB, read in microseconds, and the thread
    // that asks would otherwise wait idle for the answer's turn on the event loop (a twentieth of a run).
    const stat = statSync(abs);
    if (!stat.isFile() && !stat.isDirectory()) {
      return { notice: { filePath, level: 'error', message: 'is not a regular file (a pipe, socket or device); not read (use "-" for standard input)' } };
    }
    if (stat.isFile() && skip?.(stat)) return { stat };
    if (stat.size > 3 * MAX_DOCUMENT_CHARS) return { notice: { filePath, level: 'error', message: TOO_LARGE } };
    return { bytes: readFileSync(abs), stat };
  } catch (e) {
    return { notice: { filePath, level: 'error', message: readError(e) } };
  }
}

/** Reads and decodes one plan file. Never throws for a file that cannot be read: it returns a notice. */
export async function readPlanFile(filePath: string, cwd = process.cwd()): Promise<PlanText> {
  const { bytes, notice } = readPlanBytes(filePath, path.resolve(cwd, filePath));
  return bytes ? decodePlanFile(filePath, bytes) : { ...(notice ? { notice } : {}) };
}

/**
 * A plan file's bytes → its text and format: a Word document through the guarded .docx reader (a damaged,
 * encrypted or oversized one is that file's error), anything else decoded as text.
 */
export async function decodePlanFile(filePath: string, bytes: Uint8Array): Promise<PlanText> {
  const format = formatFor(filePath);
  if (format !== 'word') return { ...decodePlan(filePath, bytes), format };
  const { docxToHtml, DocxError } = await import('./readers/docx.js');
  try {
    const text = await docxToHtml(bytes);
    // `[^<>]*`, not `[^>]*` (quadratic on `<` repeated with no `>`): the same tags in mammoth's HTML, which escapes `<` and `>`.
    return text.replace(/<[^<>]*>/g, '').trim() !== '' ? { text, format } : { text, format, notice: { filePath, level: 'warning', message: 'is empty; nothing to lint' } };
  } catch (e) {
    if (!(e instanceof DocxError)) throw e;
    return { notice: { filePath, level: 'error', message: e.message } };
  }
}

/** Decodes a plan's bytes; warns about binary, undecodable and empty input. */
export function decodePlan(filePath: string, bytes: Uint8Array): PlanText {
  const decoded = decode(bytes);
  if (!decoded) return { notice: { filePath, level: 'warning', message: 'looks like a binary file (it holds NUL bytes); skipped' } };
  if (decoded.warning) return { text: decoded.text, notice: { filePath, level: 'warning', message: decoded.warning } };
  if (decoded.text.trim() === '') return { text: decoded.text, notice: { filePath, level: 'warning', message: 'is empty; nothing to lint' } };
  return { text: decoded.text };
}
