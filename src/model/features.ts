/**
 * What the statement model sees of a statement: the meaning of its words (word vectors, common words weighed
 * down), how close its words come to the concepts of the word lists (tools, counts of reach, platitudes,
 * stakeholders, values), and the structural reading the rules already do (tools made the aim, a purpose,
 * measures, vanity counts, platitude phrases, the statement's form). The same function serves training
 * (scripts/train.ts) and linting, so the two can never read a statement differently.
 */
import { analyzeText, isPlatitude, type Analysis } from '../analysis.js';
import { isGoalForm, isOpeningVerb } from '../classify.js';
import { loadLexicon, type Lexicon } from '../lexicon.js';
import { findMatches, type Word } from '../words.js';
import { wordVectors, type WordVectors } from './vectors.js';

/** Word lists whose concepts the model measures closeness to. */
export const CONCEPTS = ['tools', 'vanity', 'platitudes', 'buzzwords', 'stakeholders', 'values'] as const;

const AIM_KINDS = ['position', 'identity', 'centrality', 'state', 'presence', 'object', 'adoption', 'deployment', 'usage-count'] as const;

const STRUCTURE = [
  'words',
  'number',
  'numeric-target',
  'measurable',
  'year',
  'percent',
  'tool',
  'named-tool',
  'generic-tool-only',
  'aim',
  ...AIM_KINDS.map((k) => `aim:${k}`),
  'vanity',
  'vanity-of-tool',
  'stakeholder',
  'value',
  'linked',
  'purpose',
  'platitude',
  'platitude-weight',
  'platitude-claim',
  'buzzword',
  'opening-verb',
  'goal-form',
] as const;

/**
 * Frequency rank at which a word weighs half (smooth inverse frequency, after Arora, Liang and Ma 2017: a word
 * of probability p weighs a / (a + p); with Zipf's law p ∝ 1/rank this is rank / (rank + k)).
 */
const HALF_WEIGHT_RANK = 75;

export interface FeatureLayout {
  dims: number;
  names: string[];
}

export function featureLayout(vectors: WordVectors = wordVectors()): FeatureLayout {
  const names: string[] = [];
  for (let d = 0; d < vectors.dims; d++) names.push(`mean:${d}`);
  for (const c of CONCEPTS) names.push(`near:${c}`);
  names.push(...STRUCTURE);
  return { dims: vectors.dims, names };
}

/** A word's vector index, trying its parts for a compound and its singular for a plural. */
function lookup(vectors: WordVectors, lower: string): number | undefined {
  const direct = vectors.index.get(lower);
  if (direct !== undefined) return direct;
  const plain = lower.replace(/[’']s$/, '').replace(/[’']/g, "'");
  return vectors.index.get(plain) ?? (plain.endsWith('s') ? vectors.index.get(plain.slice(0, -1)) : undefined);
}

/** A word without the characters other than a–z at its ends (a linear scan, no backtracking). */
function lettersOnly(w: string): string {
  const letter = (i: number): boolean => w.charCodeAt(i) >= 97 && w.charCodeAt(i) <= 122;
  let from = 0;
  let to = w.length;
  while (from < to && !letter(from)) from++;
  while (to > from && !letter(to - 1)) to--;
  return w.slice(from, to);
}

/**
 * Unit vectors of a word list's terms (a multi-word term: the mean of its words), per lexicon object. A term
 * with a wildcard or a word the vectors lack ("improve * well-being", "Office 365") is left out: taking
 * wildcard terms in by their other words was measured (nested CV) and moved platitude from P .75 R .66 to
 * P .72 R .69, more findings at lower precision.
 */
const conceptCache = new WeakMap<Lexicon, Float32Array[]>();
function conceptVectors(lexicon: Lexicon, vectors: WordVectors): Float32Array[] {
  let list = conceptCache.get(lexicon);
  if (!list) {
    list = [];
    for (const e of lexicon.entries) {
      const parts = e.term.toLowerCase().split(/[\s\-/]+/).map((w) => lookup(vectors, lettersOnly(w)));
      if (parts.length === 0 || parts.some((p) => p === undefined)) continue;
      const v = new Float32Array(vectors.dims);
      for (const p of parts) {
        const pv = vectors.vector(p as number);
        for (let d = 0; d < v.length; d++) v[d] = (v[d] as number) + (pv[d] as number);
      }
      const n = Math.hypot(...v) || 1;
      for (let d = 0; d < v.length; d++) v[d] = (v[d] as number) / n;
      list.push(v);
    }
    conceptCache.set(lexicon, list);
  }
  return list;
}

/** Closeness (cosine) of word `i` to the nearest term of each concept, per lexicon set. */
const closeness = new WeakMap<Lexicon, Map<number, number>>();
function nearest(i: number, lexicon: Lexicon, vectors: WordVectors): number {
  let memo = closeness.get(lexicon);
  if (!memo) closeness.set(lexicon, (memo = new Map()));
  let best = memo.get(i);
  if (best === undefined) {
    best = 0;
    const v = vectors.vector(i);
    for (const c of conceptVectors(lexicon, vectors)) {
      let dot = 0;
      for (let d = 0; d < v.length; d++) dot += (v[d] as number) * (c[d] as number);
      if (dot > best) best = dot;
    }
    memo.set(i, best);
  }
  return best;
}

export interface StatementFeatures {
  values: Float64Array;
  /** The words that have a vector, with their index and weight in the mean. */
  vectorWords: Array<{ word: Word; index: number; weight: number }>;
  /** The stems of its words (numbers left out), each once, in order of first appearance. */
  stems: string[];
  analysis: Analysis;
}


export function statementFeatures(text: string, analysis: Analysis = analyzeText(text, true), vectors: WordVectors = wordVectors()): StatementFeatures {
  const dims = vectors.dims;
  const values = new Float64Array(dims + CONCEPTS.length + STRUCTURE.length);
  const a = analysis;
  const words = a.words;
  const vectorWords: StatementFeatures['vectorWords'] = [];
  let total = 0;
  const lexicons = CONCEPTS.map((c) => loadLexicon(c));
  for (let k = a.bodyFrom; k < words.length; k++) {
    const w = words[k] as Word;
    if (w.isNumber) continue;
    const i = lookup(vectors, w.lower);
    if (i === undefined) continue;
    const weight = i / (i + HALF_WEIGHT_RANK);
    vectorWords.push({ word: w, index: i, weight });
    const v = vectors.vector(i);
    for (let d = 0; d < dims; d++) values[d] = (values[d] as number) + weight * (v[d] as number);
    total += weight;
    // Closeness to a concept counts for words that carry meaning (not "the", "our").
    if (weight > 0.5) {
      lexicons.forEach((lex, c) => {
        const near = nearest(i, lex, vectors);
        if (near > (values[dims + c] as number)) values[dims + c] = near;
      });
    }
  }
  if (total > 0) for (let d = 0; d < dims; d++) values[d] = (values[d] as number) / total;

  const s = dims + CONCEPTS.length;
  const body = words.slice(a.bodyFrom);
  const text0 = text;
  const set = (name: (typeof STRUCTURE)[number], value: number | boolean): void => {
    values[s + STRUCTURE.indexOf(name)] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  };
  set('words', Math.log1p(body.length));
  set('number', body.some((w) => w.isNumber));
  set('numeric-target', a.numericTarget);
  set('measurable', a.measurable);
  set('year', body.some((w) => w.isNumber && /^(?:19|20)\d\d$/.test(w.raw)));
  set('percent', /\d\s*%|\bper ?cent\b/i.test(text0));
  set('tool', a.tools.length > 0);
  set('named-tool', a.tools.some((t) => !t.generic));
  set('generic-tool-only', a.tools.length > 0 && a.tools.every((t) => t.generic));
  set('aim', a.aims.length > 0);
  for (const kind of AIM_KINDS) set(`aim:${kind}`, a.aims.some((x) => x.how === kind));
  set('vanity', a.vanity.length > 0);
  set('vanity-of-tool', a.vanity.some((v) => v.tool !== undefined));
  set('stakeholder', a.stakeholders.length > 0);
  set('value', a.values.length > 0);
  set('linked', a.linked);
  set('purpose', a.purpose !== undefined);
  set('platitude', a.platitudes.length > 0);
  set('platitude-weight', Math.min(a.platitudeWeight, 4) / 4);
  set('platitude-claim', isPlatitude(a));
  set('buzzword', findMatches(words, loadLexicon('buzzwords')).length > 0);
  set('opening-verb', isOpeningVerb(body[0], body[1]));
  set('goal-form', isGoalForm(text0));
  return { values, vectorWords, stems: statementStems(body), analysis: a };
}

/** Stems of words, numbers left out, each once: the words the model weighs one by one. */
export function statementStems(words: readonly Word[]): string[] {
  const seen = new Set<string>();
  for (const w of words) if (!w.isNumber && w.key.length > 1) seen.add(w.key);
  return [...seen];
}
