/**
 * Language helpers: sentences and stems come from natural, imported by file path (never the package root,
 * which loads database drivers and reads `.env`). Words are tokenised here with a regular expression because
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

// Words keep inner hyphens, apostrophes and dots (AI-first, customer's, digital.gov.uk); numbers keep
// thousands separators and decimals (50,000; 2.5); anything else is one punctuation token.
// The groups tell which it is: 1 a number, 2 a word, 3 punctuation.
const TOKEN_RE = /(\p{N}+(?:[.,]\p{N}+)*%?(?![\p{L}\p{N}]))|([\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*)|([^\s\p{L}\p{N}])/gu;

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

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index;
    let lower = raw.toLowerCase();
    if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    const isNumber = m[1] !== undefined;
    const isWord = m[3] === undefined;
    let stemmed = lower;
    if (m[2] !== undefined) stemmed = stem(lower.endsWith("'s") ? lower.slice(0, -2) : lower.endsWith("s'") ? lower.slice(0, -1) : lower);
    tokens.push({ raw, lower, stem: stemmed, start, end: start + raw.length, isWord, isNumber });
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
