/**
 * Lexicons are data (`rules/data/*.json`): each entry a phrase with a note saying why it is there. They are
 * validated when loaded — a malformed entry or a duplicate fails with the file and entry named — and
 * compiled into stem sequences, so "leaders", "leading" and "leader" match one entry.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stem } from './nlp.js';
import { dataDir } from './paths.js';

export interface LexiconEntry {
  term: string;
  note: string;
  /** Weight of the entry, where the lexicon scores (1 = weak cue, 3 = strong cue). */
  weight: number;
  /** Match the term's exact letters (for acronyms such as "IT") instead of stems. */
  caseSensitive: boolean;
  /** Match the exact lower-case word instead of its stem ("likes" the noun, not "like" the verb). */
  exact: boolean;
  /** The entry's group, for lexicons that declare `tags`. */
  tag: string;
  /** A generic word ("technology") that names no particular tool. */
  generic: boolean;
  /** Words that, directly after the term, mean it is not this entry ("public" + "sector"). */
  notBefore: string[];
  /** Words that must stand within a few words of the term for it to count ("engagement" near "social"). */
  near: string[];
  /** Words that, within a few words of the term, mean another sense ("ecosystem" near "river"). */
  notNear: string[];
  /** A plainer wording to offer instead, where the lexicon has one. */
  alternative?: string;
  /** Compiled pattern: a stem, or null for a wildcard of 0–3 words. */
  pattern: Array<string | null>;
}

export interface Lexicon {
  name: string;
  /** The groups entries belong to, for lexicons that declare them. */
  tags?: string[];
  entries: LexiconEntry[];
}

const ENTRY_KEYS = new Set(['term', 'note', 'weight', 'caseSensitive', 'exact', 'generic', 'notBefore', 'near', 'notNear', 'tag', 'alternative']);

/** In `near` and `notNear`, stands for any word holding a digit ("2026", "£12m", "40%"). */
export const NUMBER_WORD = '#number';

export class LexiconError extends Error {}

/** An ASCII letter, digit or `*`: a character the trimming below keeps. */
function keptEdge(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 42;
}

/** Splits a phrase into match units: words split at hyphens and slashes, `*` kept as a wildcard. */
export function phraseUnits(term: string): string[] {
  return (
    term
      .replace(/’/g, "'")
      .split(/[\s\-/]+/)
      // Punctuation around a word is dropped. A word that starts and ends with an ASCII letter or digit has
      // none (most words: the Unicode-aware expression is slow to run in a fresh process). The lookbehind
      // tries the trailing run only from its start (without it, matching was quadratic in the run's length).
      .map((w) => (w.length > 0 && keptEdge(w.charCodeAt(0)) && keptEdge(w.charCodeAt(w.length - 1)) ? w : w.replace(/^[^\p{L}\p{N}*]+|(?<![^\p{L}\p{N}*])[^\p{L}\p{N}*]+$/gu, '')))
      .filter((w) => w.length > 0)
  );
}

export function unitKey(word: string, caseSensitive: boolean): string {
  if (caseSensitive || word === NUMBER_WORD) return word;
  const lower = word.toLowerCase();
  const base = lower.endsWith("'s") ? lower.slice(0, -2) : lower;
  return stem(base);
}

/** What makes two entries duplicates: the same words (stems), in the same group, matched the same way. */
function duplicateKey(tag: unknown, exact: boolean, pattern: Array<string | null>): string {
  return `${tag ?? ''}:${exact ? '=' : ''}${pattern.map((p) => p ?? '*').join(' ')}`;
}

/** Validates raw lexicon data and compiles it. Throws LexiconError naming the lexicon and the entry. */
export function compileLexicon(name: string, data: unknown): Lexicon {
  return compileAfter(name, data, []);
}

/**
 * Compiles `data` as if its entries followed `before` in one list: `before` are entries of the same
 * lexicon, compiled already (so valid and free of duplicates), and only `data`'s entries are compiled, with
 * the numbers, duplicates and errors compiling the whole list would give.
 */
function compileAfter(name: string, data: unknown, before: LexiconEntry[]): Lexicon {
  const fail = (msg: string): never => {
    throw new LexiconError(`lexicon ${name}: ${msg}`);
  };
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { entries?: unknown }).entries)) {
    fail('expected an object with an "entries" array');
  }
  const raw = (data as { entries: unknown[] }).entries;
  const tags = (data as { tags?: unknown }).tags;
  if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))) fail('"tags" must be a list of names');
  const seen = new Map<string, number>(before.map((e, i) => [duplicateKey(e.tag, e.exact, e.pattern), i + 1]));
  const entries: LexiconEntry[] = raw.map((e, k) => {
    const i = before.length + k;
    const where = `entry ${i + 1}`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return fail(`${where} is not an object`);
    const obj = e as Record<string, unknown>;
    for (const k of Object.keys(obj)) if (!ENTRY_KEYS.has(k)) fail(`${where} has an unknown key "${k}"`);
    const { term, note } = obj;
    if (typeof term !== 'string' || term.trim() === '') return fail(`${where} needs a non-empty "term"`);
    if (typeof note !== 'string' || note.trim() === '') return fail(`${where} ("${term}") needs a non-empty "note"`);
    const weight = obj.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 3) {
      fail(`${where} ("${term}") has a weight that is not 1, 2 or 3`);
    }
    if (Array.isArray(tags) ? !tags.includes(obj.tag) : obj.tag !== undefined) {
      fail(`${where} ("${term}") needs a "tag" among: ${Array.isArray(tags) ? tags.join(', ') : '(this lexicon has no tags)'}`);
    }
    for (const k of ['caseSensitive', 'exact', 'generic'] as const) {
      if (obj[k] !== undefined && typeof obj[k] !== 'boolean') fail(`${where} ("${term}"): "${k}" must be true or false`);
    }
    if (obj.alternative !== undefined && (typeof obj.alternative !== 'string' || obj.alternative.trim() === '')) {
      fail(`${where} ("${term}"): "alternative" must be a non-empty text`);
    }
    for (const k of ['notBefore', 'near', 'notNear'] as const) {
      const v = obj[k];
      if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === ''))) {
        fail(`${where} ("${term}"): "${k}" must be a list of words`);
      }
    }
    const caseSensitive = obj.caseSensitive === true;
    const exact = obj.exact === true;
    const units = phraseUnits(term);
    if (units.length === 0 || units[0] === '*' || units[units.length - 1] === '*') {
      fail(`${where} ("${term}") must start and end with a word`);
    }
    const pattern = units.map((u) => (u === '*' ? null : exact ? u.toLowerCase() : unitKey(u, caseSensitive)));
    const key = duplicateKey(obj.tag, exact, pattern);
    const dup = seen.get(key);
    if (dup !== undefined) fail(`${where} ("${term}") duplicates entry ${dup}`);
    seen.set(key, i + 1);
    return {
      term,
      note,
      weight: weight as number,
      caseSensitive,
      exact,
      tag: typeof obj.tag === 'string' ? obj.tag : '',
      generic: obj.generic === true,
      notBefore: ((obj.notBefore as string[] | undefined) ?? []).map((w) => unitKey(w, false)),
      near: ((obj.near as string[] | undefined) ?? []).map((w) => unitKey(w, false)),
      notNear: ((obj.notNear as string[] | undefined) ?? []).map((w) => unitKey(w, false)),
      ...(typeof obj.alternative === 'string' ? { alternative: obj.alternative } : {}),
      pattern,
    };
  });
  const all = before.length > 0 ? [...before, ...entries] : entries;
  return Array.isArray(tags) ? { name, tags: tags as string[], entries: all } : { name, entries: all };
}

const require = createRequire(import.meta.url);

/** Compiled lexicons by name, and by name with a configured change. */
const cache = new Map<string, Lexicon>();

/** Changes to a bundled lexicon: entries added (a term, or an entry object) and terms removed. */
export interface LexiconChange {
  add?: Array<string | Record<string, unknown>>;
  remove?: string[];
}

/** Lexicons users may change through configuration. */
export const CONFIGURABLE_LEXICONS = ['tools', 'stakeholders', 'platitudes', 'buzzwords', 'vanity'] as const;

let active: Record<string, LexiconChange> | undefined;

/**
 * Runs `fn` with the lexicons changed as given. Linting is synchronous, so the changes hold exactly for
 * the one call; every lexicon is still validated, the added entries with the bundled ones.
 */
export function withLexiconChanges<T>(changes: Record<string, LexiconChange> | undefined, fn: () => T): T {
  const previous = active;
  active = changes !== undefined && Object.keys(changes).length > 0 ? changes : undefined;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

function termKey(term: string): string {
  return phraseUnits(term)
    .map((u) => unitKey(u, false))
    .join(' ');
}

/** What scripts/precompile.mjs writes to dist/src/generated/lexicons.json. */
interface Precompiled {
  /** What the compilation depends on besides the data: this module's code, nlp's, and natural's version. */
  compiler: string;
  lexicons: Record<string, { source: string; lexicon: Lexicon }>;
}
let precompiled: Precompiled | null | undefined;

/** What compiling a lexicon depends on besides its data: the code of this module and of nlp (stems), and natural's version. */
export function compilerFingerprint(): string {
  const code = (file: string): string => readFileSync(new URL(file, import.meta.url), 'utf8');
  return JSON.stringify([code('./lexicon.js'), code('./nlp.js'), (require('natural/package.json') as { version: string }).version]);
}

/**
 * The bundled lexicons as `npm run build` compiled them (scripts/precompile.mjs), each with the data it was
 * compiled from. Used only by the build that made them (same compiler) and for data that has not changed
 * since: loading them takes a few milliseconds, compiling about 40. Null when there are none (the sources
 * run directly, or a build step skipped).
 */
function precompiledLexicons(): Precompiled | null {
  if (precompiled === undefined) {
    precompiled = null;
    try {
      const data = JSON.parse(readFileSync(new URL('./generated/lexicons.json', import.meta.url), 'utf8')) as Precompiled;
      if (data.compiler === compilerFingerprint()) precompiled = data;
    } catch {
      // none: the lexicons are compiled from their data
    }
  }
  return precompiled;
}

/** A bundled lexicon (`tools` → rules/data/tools.json) as it ships, validated and compiled once. */
function bundledLexicon(name: string): Lexicon {
  let lex = cache.get(name);
  if (!lex) {
    const file = path.join(dataDir(), `${name}.json`);
    const text = readFileSync(file, 'utf8');
    const ready = precompiledLexicons()?.lexicons[name];
    if (ready && ready.source === text) {
      lex = ready.lexicon;
    } else {
      let data: unknown;
      try {
        data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
      }
      lex = compileLexicon(name, data);
    }
    cache.set(name, lex);
  }
  return lex;
}

/**
 * Loads a bundled lexicon by name (`tools` → rules/data/tools.json), validated and compiled once, and once
 * per configured change: the bundled entries are kept (less those removed) and only the added ones compiled.
 */
export function loadLexicon(name: string): Lexicon {
  const change = active?.[name];
  if (!change) return bundledLexicon(name);
  const key = `${name}\u0000${JSON.stringify([change.add ?? [], change.remove ?? []])}`;
  let lex = cache.get(key);
  if (!lex) {
    const changed = `${name} (with configured changes)`;
    let base: Lexicon;
    try {
      base = bundledLexicon(name);
    } catch (e) {
      if (!(e instanceof LexiconError)) throw e;
      // Broken bundled data: the error, as compiling the changed list names it.
      throw new LexiconError(e.message.replace(`lexicon ${name}: `, `lexicon ${changed}: `));
    }
    const removed = new Set((change.remove ?? []).map(termKey));
    const added = (change.add ?? []).map((e) =>
      typeof e === 'string' ? { term: e, note: 'Added by configuration.', ...(base.tags ? { tag: base.tags[0] } : {}) } : { note: 'Added by configuration.', ...e },
    );
    // An entry matched by stems has its term's key in its pattern (a wildcard's key is "*").
    const keyOf = (e: LexiconEntry): string => (e.exact || e.caseSensitive ? termKey(e.term) : e.pattern.map((p) => p ?? '*').join(' '));
    const kept = removed.size === 0 ? base.entries : base.entries.filter((e) => !removed.has(keyOf(e)));
    lex = compileAfter(changed, { ...(base.tags ? { tags: base.tags } : {}), entries: added }, kept);
    cache.set(key, lex);
  }
  return lex;
}
