/** Word streams and lexicon matching, shared by every rule. */
import { isDigitAt, numberEnd, TokenScanner, wordKey } from './nlp.js';
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
  /** @internal The lexicons (bits, see `index`) with an entry this word may start, as of `startsVersion`. */
  starts: number;
  /** @internal */
  startsVersion: number;
}

/*
 * Words already read. A statement is read into words by the classifier when the document is built, then by
 * the analysis the rules share; headings are read for every statement under them. The words are shared:
 * no caller changes them (they are not frozen: V8 runs array methods on frozen arrays far slower). While a document is linted (`withWordsOfDocument`) every text it reads is
 * kept until the document is done; otherwise only the last few, so a cache never outlives its document.
 */
const RECENT = 64;
let inDocument = false;
const documentMemos: Array<Map<string, unknown>> = [];

/** Runs `f` (the linting of one document) keeping what `memoPerDocument` functions compute until it returns. */
export function withWordsOfDocument<T>(f: () => T): T {
  if (inDocument) return f();
  for (const memo of documentMemos) memo.clear();
  inDocument = true;
  try {
    return f();
  } finally {
    inDocument = false;
    for (const memo of documentMemos) memo.clear();
  }
}

/** `compute`, remembered per text for the document being linted (or for the last few texts outside one). */
export function memoPerDocument<V>(compute: (text: string) => V): (text: string) => V {
  const memo = new Map<string, V>();
  documentMemos.push(memo as Map<string, unknown>);
  return (text: string): V => {
    let value = memo.get(text);
    if (value === undefined) {
      value = compute(text);
      if (!inDocument && memo.size >= RECENT) memo.clear();
      memo.set(text, value);
    }
    return value;
  };
}

/** Words of a text, hyphenated compounds split into parts, with offsets into the text (shared: never change them). */
export const toWords: (text: string) => Word[] = memoPerDocument((text) => readWords(text));

/** One scanner for every text: nothing `readWords` calls reads words, so it is never in use twice. */
const scanner = new TokenScanner();

/**
 * The words of a text in one pass of the token scanner. A hyphenated word is split into its parts, each
 * read as the first token of the part on its own would be: its key is that token's stem (part "3.5x" has
 * key "3"), its `lower` the part's lower case as written (a curly apostrophe kept).
 */
function readWords(text: string): Word[] {
  const words: Word[] = [];
  const scan = scanner.reset(text);
  let punct = '';
  while (scan.next()) {
    const { start, end, isNumber } = scan;
    if (!scan.isWord) {
      punct += text.slice(start, end);
      continue;
    }
    const gapBefore = punct !== '' && punct !== '-' && punct !== "'" && punct !== '’';
    if (!isNumber && scan.hyphen) {
      // Parts are never empty: a word's hyphens each stand between letters or digits.
      let from = start;
      for (let i = 0; from < end; i++) {
        let to = text.indexOf('-', from);
        if (to < 0 || to > end) to = end;
        const raw = text.slice(from, to);
        const lower = scan.lower ? raw : raw.toLowerCase();
        // The part's first token: a number as far as the part allows ("a-3,5" has part "3"), else the whole part.
        const number = isDigitAt(text, from) ? numberEnd(text, from, to) : -1;
        let key: string;
        if (number === to) key = lower;
        else if (number >= 0) key = text.slice(from, number).toLowerCase();
        else key = wordKey(scan.curly && lower.includes('’') ? lower.replaceAll('’', "'") : lower);
        words.push({
          raw,
          lower,
          key,
          start: from,
          end: to,
          isNumber: number === to,
          gapBefore: i === 0 && gapBefore,
          hyphenated: i > 0,
          punctBefore: i === 0 ? punct : '-',
          starts: 0,
          startsVersion: -1,
        });
        from = to + 1;
      }
    } else {
      const raw = text.slice(start, end);
      let lower = raw;
      if (isNumber || !scan.lower) {
        lower = raw.toLowerCase();
        if (!isNumber && scan.curly) lower = lower.replaceAll('’', "'");
      }
      words.push({
        raw,
        lower,
        key: isNumber ? lower : wordKey(lower),
        start,
        end,
        isNumber,
        gapBefore,
        hyphenated: punct === '-',
        punctBefore: punct,
        starts: 0,
        startsVersion: -1,
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
  /** This lexicon's bit in a word's `starts`, or 0 when the bits ran out (every word is then looked up). */
  bit: number;
}

// A statement is matched against a dozen lexicons. Rather than look each word up in each lexicon, a word is
// looked up once in three maps that give, for a key, raw or lower-case spelling, the lexicons (bits) with an
// entry starting with it; a lexicon then skips at once the words that start none of its entries. The maps
// grow as lexicons are first used (a version number tells a word its bits are out of date). Lexicons
// changed by configuration are new objects: past 31 of them, the later ones are looked up word by word.
const startsByKey = new Map<string, number>();
const startsByRaw = new Map<string, number>();
const startsByLower = new Map<string, number>();
let startsVersion = 0;
let nextBit = 0;

function addStart(map: Map<string, number>, word: string, bit: number): void {
  map.set(word, (map.get(word) ?? 0) | bit);
}

const indexCache = new WeakMap<Lexicon, LexiconIndex>();
function index(lexicon: Lexicon): LexiconIndex {
  let idx = indexCache.get(lexicon);
  if (!idx) {
    const bit = nextBit < 31 ? 1 << nextBit++ : 0;
    idx = { byKey: new Map(), byRaw: new Map(), byLower: new Map(), bit };
    for (const e of lexicon.entries) {
      const first = e.pattern[0] as string;
      const map = e.caseSensitive ? idx.byRaw : e.exact ? idx.byLower : idx.byKey;
      const list = map.get(first);
      if (list) list.push(e);
      else map.set(first, [e]);
      if (bit !== 0) addStart(e.caseSensitive ? startsByRaw : e.exact ? startsByLower : startsByKey, first, bit);
    }
    if (bit !== 0) startsVersion++;
    indexCache.set(lexicon, idx);
  }
  return idx;
}

/** The lexicons (bits) with an entry that may start at this word. */
function startsOf(word: Word): number {
  if (word.startsVersion !== startsVersion) {
    word.starts = (startsByKey.get(word.key) ?? 0) | (startsByRaw.get(word.raw) ?? 0) | (startsByLower.get(word.lower) ?? 0);
    word.startsVersion = startsVersion;
  }
  return word.starts;
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
    if (idx.bit !== 0 && (startsOf(word) & idx.bit) === 0) continue;
    const byKey = idx.byKey.get(word.key);
    const byRaw = idx.byRaw.size > 0 ? idx.byRaw.get(word.raw) : undefined;
    const byLower = idx.byLower.size > 0 ? idx.byLower.get(word.lower) : undefined;
    if (!byKey && !byRaw && !byLower) continue;
    let best = longest(words, i, byKey, tag, undefined);
    best = longest(words, i, byRaw, tag, best);
    best = longest(words, i, byLower, tag, best);
    if (best) {
      found.push(best);
      i = best.to - 1;
    }
  }
  return found;
}

/** The longest match at word `i` among `candidates` (with the tag, if given), or `best` if none is longer. */
function longest(words: Word[], i: number, candidates: LexiconEntry[] | undefined, tag: string | undefined, best: Match | undefined): Match | undefined {
  if (!candidates) return best;
  for (const entry of candidates) {
    if (tag !== undefined && entry.tag !== tag) continue;
    const to = matchAt(words, i, entry);
    if (to < 0) continue;
    const after = words[to];
    if (after && !after.gapBefore && entry.notBefore.includes(after.key)) continue;
    if (entry.near.length > 0 && !isNear(words, i, to, entry.near)) continue;
    if (entry.notNear.length > 0 && isNear(words, i, to, entry.notNear)) continue;
    if (!best || to > best.to) best = { entry, from: i, to, start: (words[i] as Word).start, end: (words[to - 1] as Word).end };
  }
  return best;
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
