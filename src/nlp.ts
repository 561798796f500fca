/**
 * Language helpers: sentences and stems come from natural, imported by file path (never the package root,
 * which loads database drivers and reads `.env`). Words are tokenised here (by a scanner, TokenScanner) because
 * rules need each token's offset, which natural's tokenizers do not give.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { dataDir } from './paths.js';
import { ABBREVIATIONS, naturalSentenceSpans } from './sentences.js';

const require = createRequire(import.meta.url);

interface SentenceTokenizerLike {
  tokenize(text: string): string[];
}
interface StemmerLike {
  stem(word: string): string;
}


let sentenceTokenizer: SentenceTokenizerLike | undefined;
let porter: StemmerLike | undefined;

function sentences(): SentenceTokenizerLike {
  if (!sentenceTokenizer) {
    const SentenceTokenizer = require('natural/lib/natural/tokenizers/sentence_tokenizer.js') as new (
      abbreviations: string[],
    ) => SentenceTokenizerLike;
    sentenceTokenizer = new SentenceTokenizer(ABBREVIATIONS);
  }
  return sentenceTokenizer;
}

function stemmer(): StemmerLike {
  if (!porter) porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as StemmerLike;
  return porter;
}

/** Past this length a paragraph is split by a linear scan: natural's tokenizer grows faster than linearly. */
const NATURAL_SENTENCE_LIMIT = 20_000;

/**
 * Whether natural's sentence tokenizer stays fast on a paragraph; if not, it is split by the linear scan.
 * Besides length, natural slows down (1) with many sentences: it reverts every placeholder (one per
 * sentence end, number, abbreviation or address) in every sentence, compiling a regex each time — about
 * sentences × placeholders regexes, allowed here up to 4 per character (plans: under 0.4; a paragraph of
 * 2,000 one-word sentences took minutes); (2) on long runs of word or delimiter characters, through which
 * its e-mail and delimiter patterns backtrack (quadratic in the run).
 */
function naturalIsFast(text: string): boolean {
  if (text.length > NATURAL_SENTENCE_LIMIT) return false;
  const ends = text.match(/[.?!…]/g)?.length ?? 0;
  const numbers = text.match(/\d+/g)?.length ?? 0;
  if ((ends + 1) * (ends + numbers + 1) > 4 * text.length) return false;
  return !/[\w.%+-]{256}|[.?!… ]{256}/.test(text);
}

/** Splits text into sentences; returns [start, end) offsets into `text`, trimmed of white space. */
export function splitSentences(text: string): Array<[number, number]> {
  if (text.trim() === '') return [];
  if (!naturalIsFast(text)) return locateSentences(text, simpleSentences(text));
  // natural's boundaries, found without natural where that gives the same (src/sentences.ts).
  return naturalSentenceSpans(text) ?? locateSentences(text, sentences().tokenize(text));
}

/** Sentences (pieces of `text`, in order) as trimmed [start, end) offsets. */
export function locateSentences(text: string, parts: string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let cursor = 0;
  for (const part of parts) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const at = text.indexOf(trimmed, cursor);
    if (at < 0) {
      // The tokenizer changed the text (rare): fall back to the rest of the text as one sentence.
      const start = skipSpace(text, cursor);
      if (start < text.length) spans.push([start, trimEnd(text, text.length)]);
      return spans;
    }
    spans.push([at, at + trimmed.length]);
    cursor = at + trimmed.length;
  }
  return spans;
}

/**
 * A sentence ends at a run of `.`, `!` or `?` (and a closing quote or bracket) followed by white space or
 * the end. One pass over the text; the lookbehind tries each run of punctuation from its start only.
 * (Before: a sticky `[^.!?]*(?:[.!?]+["'”’)\]]?(?=\s|$)|[^.!?]*$)` loop, quadratic in a run without
 * punctuation, which also stopped at the first full stop not followed by a space — "3.5", "gov.uk" — and
 * dropped the rest of the paragraph. Wherever that loop reached the end, the sentences are the same.)
 */
function simpleSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(/(?<![.!?])[.!?]+["'”’)\]]?(?=\s|$)/g)) {
    const end = m.index + m[0].length;
    out.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) out.push(text.slice(start));
  return out.length ? out : [text];
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}
function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  return end;
}

export interface Token {
  /** As written. */
  raw: string;
  /** Lower case, curly apostrophes straightened. */
  lower: string;
  /** Porter stem of `lower` (for words); the token itself otherwise. */
  stem: string;
  start: number;
  end: number;
  isWord: boolean;
  isNumber: boolean;
}

let stemCache: Map<string, string> | undefined;

/**
 * Stems already known: those of every word in the word lists, derived at build time with natural's stemmer
 * (scripts/precompile.mjs) and used only if made by the natural installed. natural's stemmer is slow in a
 * fresh process (it builds regular expressions on every call): compiling the lexicons stems about 2,000 words.
 */
function knownStems(): Map<string, string> {
  const known = new Map<string, string>();
  try {
    const table = require(path.join(dataDir(), 'generated', 'stems.json')) as { natural?: string; words?: string[]; stems?: string[] };
    const { words, stems } = table;
    if (table.natural === (require('natural/package.json') as { version: string }).version && Array.isArray(words) && Array.isArray(stems) && words.length === stems.length) {
      words.forEach((w, i) => known.set(w, stems[i] as string));
    }
  } catch {
    // Not built yet: every word is stemmed by natural.
  }
  return known;
}

export function stem(word: string): string {
  stemCache ??= knownStems();
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? stemmer().stem(word) : word;
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

// The tokens are found by a scanner over char codes: the regular expression that specifies them (see
// TokenScanner), its match objects and the Token objects made from them took a fifth of the time of linting a
// plan. Character classes as bits: \s, \p{L}, \p{N} or anything else, as the expression sees them (flag u: by code point; a lone surrogate is a code point of its own,
// neither letter nor number); PAIR marks a code point of two code units.
const SPACE = 1;
const LETTER = 2;
const DIGIT = 4;
const OTHER = 8;
const PAIR = 16;
const ALNUM = LETTER | DIGIT;
/** In `unitClass` only: a high surrogate, whose class is that of the pair it may start. */
const HIGH = 32;
/** Added to the class of a-z and 0-9: a token of these (and ASCII separators) is its own lower case. */
const LOWER = 64;

/** The class of each UTF-16 code unit (0: not yet known), taken from V8's own Unicode tables on first use. */
const unitClass = new Uint8Array(0x10000).fill(HIGH, 0xd800, 0xdc00);
const astralClass = new Map<number, number>();
/** Enough for every astral letter and digit a real document uses; past it, a class is found again each time. */
const ASTRAL_CACHE_LIMIT = 4096;

function classify(codePoint: string): number {
  return /\s/u.test(codePoint) ? SPACE : /\p{L}/u.test(codePoint) ? LETTER : /\p{N}/u.test(codePoint) ? DIGIT : OTHER;
}

/** The class of the code point at `i` (in the text), with PAIR if it takes two code units. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let k = unitClass[c] as number;
  if (k === 0) {
    k = classify(String.fromCharCode(c)) | ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ? LOWER : 0);
    unitClass[c] = k;
  }
  if (k !== HIGH) return k;
  const d = text.charCodeAt(i + 1); // NaN past the end
  if (!(d >= 0xdc00 && d <= 0xdfff)) return OTHER;
  const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  let a = astralClass.get(cp);
  if (a === undefined) {
    a = classify(String.fromCodePoint(cp)) | PAIR;
    if (astralClass.size < ASTRAL_CACHE_LIMIT) astralClass.set(cp, a);
  }
  return a;
}

/** The end of the run of code points with a class in `classes` from `i`, stopping at `limit`. */
function skipRun(text: string, i: number, limit: number, classes: number): number {
  while (i < limit) {
    const k = classAt(text, i);
    if ((k & classes) === 0) break;
    i += k & PAIR ? 2 : 1;
  }
  return i;
}

/**
 * The end of the specification's number at `start` (a \p{N}), or -1 where that alternative fails; `limit` ends the
 * text for it. Through backtracking the alternative settles on: the digits and every `[.,]` + digits group
 * after them, up to E; then E + 1 if E is a `%` not followed by a letter or digit; else E if E is not a
 * letter or digit; else (a letter follows) the end before the last group ("2.5x": "2"), or no number if
 * there is no group ("2020s" is a word).
 */
export function numberEnd(text: string, start: number, limit: number): number {
  let e = skipRun(text, start, limit, DIGIT);
  let beforeLast = -1;
  while (e + 1 < limit) {
    const c = text.charCodeAt(e);
    if ((c !== 0x2e && c !== 0x2c) || (classAt(text, e + 1) & DIGIT) === 0) break;
    beforeLast = e;
    e = skipRun(text, e + 1, limit, DIGIT);
  }
  if (e >= limit) return e;
  if (text.charCodeAt(e) === 0x25) return e + 1 >= limit || (classAt(text, e + 1) & ALNUM) === 0 ? e + 1 : e;
  return (classAt(text, e) & ALNUM) === 0 ? e : beforeLast;
}

/**
 * Tokens, one at a time, without allocating (`reset`, then `next` and read the fields). Words keep inner
 * hyphens, apostrophes and dots (AI-first, customer's, digital.gov.uk); numbers keep thousands separators and
 * decimals (50,000; 2.5); anything else is one punctuation token. These are the matches of the regular
 * expression kept in test/tokenizer.test.ts as the specification, which the test compares them with.
 */
export class TokenScanner {
  text = '';
  start = 0;
  end = 0;
  // As in a Token: a number (group 1) or a word (group 2) is a word; punctuation (group 3) is not. Flags
  // rather than exported kind constants: V8 does not fold constants imported from another module, and
  // comparing with them made reading words over twice as slow.
  isWord = false;
  isNumber = false;
  /** Whether the word (group 2) has a hyphen; a curly apostrophe; is its own lower case (ASCII, no capitals, no ’). */
  hyphen = false;
  curly = false;
  lower = false;

  reset(text: string): this {
    this.text = text;
    this.end = 0;
    return this;
  }

  /** Moves to the next token; false past the last one. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.end;
    let k = 0;
    for (;;) {
      if (i >= n) return false;
      k = classAt(text, i);
      if (k !== SPACE) break;
      i++; // white space is never a pair
    }
    this.start = i;
    if (k & DIGIT) {
      const e = numberEnd(text, i, n);
      if (e >= 0) {
        this.isWord = true;
        this.isNumber = true;
        this.end = e;
        return true;
      }
    }
    if (k & ALNUM) {
      // Runs of letters and digits, each after the first joined by one of - ' ’ . &
      let e = i;
      let lower = LOWER;
      let hyphen = false;
      let curly = false;
      for (;;) {
        while (e < n) {
          const r = classAt(text, e);
          if ((r & ALNUM) === 0) break;
          lower &= r;
          e += r & PAIR ? 2 : 1;
        }
        if (e + 1 >= n) break;
        const c = text.charCodeAt(e);
        if (c !== 0x2d && c !== 0x27 && c !== 0x2019 && c !== 0x2e && c !== 0x26) break;
        if ((classAt(text, e + 1) & ALNUM) === 0) break;
        if (c === 0x2d) hyphen = true;
        else if (c === 0x2019) curly = true;
        e++;
      }
      this.isWord = true;
      this.isNumber = false;
      this.end = e;
      this.hyphen = hyphen;
      this.curly = curly;
      this.lower = lower !== 0 && !curly;
      return true;
    }
    this.isWord = false;
    this.isNumber = false;
    this.end = i + (k & PAIR ? 2 : 1);
    return true;
  }
}

/** Whether the code point at `i` is a \p{N}. */
export function isDigitAt(text: string, i: number): boolean {
  return (classAt(text, i) & DIGIT) !== 0;
}

/** A word's stem key: the stem of its lower case (curly apostrophes straightened), a possessive 's or s' left out. */
export function wordKey(lower: string): string {
  return stem(lower.endsWith("'s") ? lower.slice(0, -2) : lower.endsWith("s'") ? lower.slice(0, -1) : lower);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const scan = new TokenScanner().reset(text);
  while (scan.next()) {
    const { start, end, isWord, isNumber } = scan;
    const raw = text.slice(start, end);
    let lower = raw.toLowerCase();
    if (lower.includes('’')) lower = lower.replaceAll('’', "'");
    tokens.push({ raw, lower, stem: isWord && !isNumber ? wordKey(lower) : lower, start, end, isWord, isNumber });
  }
  return tokens;
}

interface LexiconLike {
  tagWord(word: string): string[] | undefined;
}

type VerbTest = (word: string) => 'base' | 'gerund' | 'also-base' | undefined;
let verbTest: VerbTest | undefined;

function loadVerbTest(): VerbTest {
  if (verbTest) return verbTest;
  try {
    // Derived at build time from natural's Brill lexicon (scripts/derive-pos.mjs): loads in about 1 ms.
    const data = require(path.join(dataDir(), 'generated', 'pos-verbs.json')) as { base: string[]; gerund: string[]; alsoBase: string[] };
    const base = new Set(data.base);
    const gerund = new Set(data.gerund);
    const alsoBase = new Set(data.alsoBase);
    verbTest = (w) => (base.has(w) ? 'base' : gerund.has(w) ? 'gerund' : alsoBase.has(w) ? 'also-base' : undefined);
  } catch {
    // Not built yet: ask natural's lexicon itself (about 80 ms to load, same answers).
    const Lexicon = require('natural/lib/natural/brill_pos_tagger/lib/Lexicon.js') as new (
      language: string,
      defaultCategory: string,
      defaultCategoryCapitalized: string,
    ) => LexiconLike;
    const lexicon = new Lexicon('EN', 'NN', 'NNP');
    verbTest = (w) => {
      const tags = lexicon.tagWord(w) ?? [];
      const first = tags[0];
      return first === 'VB' || first === 'VBP' ? 'base' : first === 'VBG' && w.endsWith('ing') ? 'gerund' : tags.includes('VB') ? 'also-base' : undefined;
    };
  }
  return verbTest;
}

/** Whether natural's part-of-speech lexicon gives the word a base-form verb (VB, VBP) as its most likely tag. */
export function isBaseVerb(word: string): boolean {
  return loadVerbTest()(word) === 'base';
}

/** Whether the word can be a base-form verb although it is more often a noun or adjective ("survey", "issue"). */
export function canBeBaseVerb(word: string): boolean {
  return loadVerbTest()(word) === 'also-base';
}

/** Whether natural's part-of-speech lexicon gives the word a gerund (VBG) as its most likely tag. */
export function isGerund(word: string): boolean {
  return loadVerbTest()(word) === 'gerund';
}
