/**
 * Lexicons are data (`rules/data/*.json`): each entry a phrase with a note saying why it is there. They are
 * validated when loaded — a malformed entry or a duplicate fails with the file and entry named — and
 * compiled into stem sequences, so "leaders", "leading" and "leader" match one entry.
 */
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

/** Splits a phrase into match units: words split at hyphens and slashes, `*` kept as a wildcard. */
export function phraseUnits(term: string): string[] {
  return term
    .replace(/’/g, "'")
    .split(/[\s\-/]+/)
    // The lookbehind tries the trailing run only from its start (without it, matching was quadratic in the run's length).
    .map((w) => w.replace(/^[^\p{L}\p{N}*]+|(?<![^\p{L}\p{N}*])[^\p{L}\p{N}*]+$/gu, ''))
    .filter((w) => w.length > 0);
}

export function unitKey(word: string, caseSensitive: boolean): string {
  if (caseSensitive || word === NUMBER_WORD) return word;
  const lower = word.toLowerCase();
  const base = lower.endsWith("'s") ? lower.slice(0, -2) : lower;
  return stem(base);
}

/** Validates raw lexicon data and compiles it. Throws LexiconError naming the lexicon and the entry. */
export function compileLexicon(name: string, data: unknown): Lexicon {
  const fail = (msg: string): never => {
    throw new LexiconError(`lexicon ${name}: ${msg}`);
  };
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { entries?: unknown }).entries)) {
    fail('expected an object with an "entries" array');
  }
  const raw = (data as { entries: unknown[] }).entries;
  const tags = (data as { tags?: unknown }).tags;
  if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))) fail('"tags" must be a list of names');
  const seen = new Map<string, number>();
  const entries: LexiconEntry[] = raw.map((e, i) => {
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
    const key = `${obj.tag ?? ''}:${exact ? '=' : ''}${pattern.map((p) => p ?? '*').join(' ')}`;
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
  return Array.isArray(tags) ? { name, tags: tags as string[], entries } : { name, entries };
}

const require = createRequire(import.meta.url);

const cache = new Map<string, Lexicon>();

/** Changes to a bundled lexicon: entries added (a term, or an entry object) and terms removed. */
export interface LexiconChange {
  add?: Array<string | Record<string, unknown>>;
  remove?: string[];
}

/** Lexicons users may change through configuration. */
export const CONFIGURABLE_LEXICONS = ['tools', 'stakeholders', 'platitudes', 'buzzwords', 'vanity'] as const;

let active: Record<string, LexiconChange> | undefined;
let activeKey = '';

/**
 * Runs `fn` with the lexicons changed as given. Linting is synchronous, so the changes hold exactly for
 * the one call; every lexicon is still validated, the added entries with the bundled ones.
 */
export function withLexiconChanges<T>(changes: Record<string, LexiconChange> | undefined, fn: () => T): T {
  const previous = [active, activeKey] as const;
  const has = changes !== undefined && Object.keys(changes).length > 0;
  active = has ? changes : undefined;
  activeKey = has ? JSON.stringify(changes) : '';
  try {
    return fn();
  } finally {
    [active, activeKey] = previous;
  }
}

function termKey(term: string): string {
  return phraseUnits(term)
    .map((u) => unitKey(u, false))
    .join(' ');
}

function bundled(name: string): unknown {
  return require(path.join(dataDir(), `${name}.json`)) as unknown;
}

/** Loads a bundled lexicon by name (`tools` → rules/data/tools.json), validated and compiled once per set of changes. */
export function loadLexicon(name: string): Lexicon {
  const change = active?.[name];
  const key = change ? `${name}\u0000${activeKey}` : name;
  let lex = cache.get(key);
  if (!lex) {
    const data = bundled(name) as { entries: Array<Record<string, unknown>>; tags?: string[] };
    if (change) {
      const removed = new Set((change.remove ?? []).map(termKey));
      const added = (change.add ?? []).map((e) =>
        typeof e === 'string' ? { term: e, note: 'Added by configuration.', ...(data.tags ? { tag: data.tags[0] } : {}) } : { note: 'Added by configuration.', ...e },
      );
      const kept = data.entries.filter((e) => !removed.has(termKey(String(e.term))));
      lex = compileLexicon(`${name} (with configured changes)`, { ...data, entries: [...kept, ...added] });
    } else {
      lex = compileLexicon(name, data);
    }
    cache.set(key, lex);
  }
  return lex;
}
