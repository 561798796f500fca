/** Word streams and lexicon matching, shared by every rule. */
import { tokenize } from './nlp.js';
import { NUMBER_WORD, type Lexicon, type LexiconEntry } from './lexicon.js';

export interface Word {
  raw: string;
  lower: string;
  /** Stem used for matching. */
  key: string;
  start: number;
  end: number;
  isNumber: boolean;
  /** Punctuation other than a hyphen stands between this word and the previous one. */
  gapBefore: boolean;
  /** This word was joined to the previous one by a hyphen ("AI-first"). */
  hyphenated: boolean;
  /** The punctuation right before this word, if any ("," "(" ":"). */
  punctBefore: string;
}

/** Words of a text, hyphenated compounds split into parts, with offsets into the text. */
export function toWords(text: string): Word[] {
  const words: Word[] = [];
  let punct = '';
  for (const t of tokenize(text)) {
    if (!t.isWord) {
      punct += t.raw;
      continue;
    }
    if (!t.isNumber && t.raw.includes('-')) {
      let offset = t.start;
      const parts = t.raw.split('-');
      parts.forEach((part, i) => {
        if (part) {
          const sub = tokenize(part)[0];
          words.push({
            raw: part,
            lower: part.toLowerCase(),
            key: sub ? sub.stem : part.toLowerCase(),
            start: offset,
            end: offset + part.length,
            isNumber: /^\p{N}+(?:[.,]\p{N}+)*$/u.test(part),
            gapBefore: i === 0 && punct !== '' && punct !== '-' && punct !== "'" && punct !== '’',
            hyphenated: i > 0,
            punctBefore: i === 0 ? punct : '-',
          });
        }
        offset += part.length + 1;
      });
    } else {
      words.push({
        raw: t.raw,
        lower: t.lower,
        key: t.stem,
        start: t.start,
        end: t.end,
        isNumber: t.isNumber,
        gapBefore: punct !== '' && punct !== '-' && punct !== "'" && punct !== '’',
        hyphenated: punct === '-',
        punctBefore: punct,
      });
    }
    punct = '';
  }
  return words;
}

export interface Match {
  entry: LexiconEntry;
  /** Index of the first and one past the last matched word. */
  from: number;
  to: number;
  /** Offsets in the text. */
  start: number;
  end: number;
}

const MAX_WILDCARD = 4;
const NEAR_WINDOW = 6;

function unitMatches(word: Word, key: string, entry: LexiconEntry): boolean {
  if (entry.caseSensitive) return word.raw === key;
  if (entry.exact) return word.lower === key;
  return word.key === key;
}

function matchAt(words: Word[], i: number, entry: LexiconEntry): number {
  let w = i;
  for (let p = 0; p < entry.pattern.length; p++) {
    const key = entry.pattern[p];
    if (key === null) {
      // Wildcard: find the next unit within a few words, not crossing punctuation.
      const next = entry.pattern[p + 1] as string;
      let k = w;
      let found = -1;
      for (let skip = 0; skip <= MAX_WILDCARD && k < words.length; skip++, k++) {
        const word = words[k] as Word;
        if (k > i && word.gapBefore) break;
        if (unitMatches(word, next, entry)) {
          found = k;
          break;
        }
      }
      if (found < 0) return -1;
      w = found;
      continue;
    }
    const word = words[w];
    if (!word || (w > i && word.gapBefore) || !unitMatches(word, key as string, entry)) return -1;
    w++;
  }
  return w;
}

/** A lexicon's entries by their first word: its stem key, or its exact spelling (case-sensitive or not). */
interface LexiconIndex {
  byKey: Map<string, LexiconEntry[]>;
  byRaw: Map<string, LexiconEntry[]>;
  byLower: Map<string, LexiconEntry[]>;
}

const indexCache = new WeakMap<Lexicon, LexiconIndex>();
function index(lexicon: Lexicon): LexiconIndex {
  let idx = indexCache.get(lexicon);
  if (!idx) {
    idx = { byKey: new Map(), byRaw: new Map(), byLower: new Map() };
    for (const e of lexicon.entries) {
      const first = e.pattern[0] as string;
      const map = e.caseSensitive ? idx.byRaw : e.exact ? idx.byLower : idx.byKey;
      const list = map.get(first);
      if (list) list.push(e);
      else map.set(first, [e]);
    }
    indexCache.set(lexicon, idx);
  }
  return idx;
}

/**
 * Every match of the lexicon in the words, longest first where matches overlap, in text order. Called for
 * every statement and lexicon, so it allocates nothing for a word that starts no entry.
 */
export function findMatches(words: Word[], lexicon: Lexicon, tag?: string): Match[] {
  const idx = index(lexicon);
  const found: Match[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    let best: Match | undefined;
    const consider = (candidates: LexiconEntry[] | undefined): void => {
      if (!candidates) return;
      for (const entry of candidates) {
        if (tag !== undefined && entry.tag !== tag) continue;
        const to = matchAt(words, i, entry);
        if (to < 0) continue;
        const after = words[to];
        if (after && !after.gapBefore && entry.notBefore.includes(after.key)) continue;
        if (entry.near.length > 0 && !isNear(words, i, to, entry.near)) continue;
        if (entry.notNear.length > 0 && isNear(words, i, to, entry.notNear)) continue;
        if (!best || to > best.to) best = { entry, from: i, to, start: word.start, end: (words[to - 1] as Word).end };
      }
    };
    const byKey = idx.byKey.get(word.key);
    const byRaw = idx.byRaw.size > 0 ? idx.byRaw.get(word.raw) : undefined;
    const byLower = idx.byLower.size > 0 ? idx.byLower.get(word.lower) : undefined;
    if (!byKey && !byRaw && !byLower) continue;
    consider(byKey);
    consider(byRaw);
    consider(byLower);
    if (best) {
      found.push(best);
      i = best.to - 1;
    }
  }
  return found;
}

function isNear(words: Word[], from: number, to: number, near: string[]): boolean {
  const lo = Math.max(0, from - NEAR_WINDOW);
  const hi = Math.min(words.length, to + NEAR_WINDOW);
  for (let k = lo; k < hi; k++) {
    if (k >= from && k < to) continue;
    const w = words[k] as Word;
    if (near.includes(w.key) || (near.includes(NUMBER_WORD) && /\p{N}/u.test(w.raw))) return true;
  }
  return false;
}

export function hasMatch(words: Word[], lexicon: Lexicon): boolean {
  return findMatches(words, lexicon).length > 0;
}
