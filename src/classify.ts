/**
 * Statement classification: goal, initiative, metric or prose, from the cues a reader uses — the section
 * heading, the enumeration, and the statement's own form (an opening imperative, "we will…", "our goal is
 * to…", "by 2027…").
 */
import { loadLexicon, type Lexicon } from './lexicon.js';
import { canBeBaseVerb, isBaseVerb, isGerund } from './nlp.js';
import { findMatches, memoPerDocument, toWords, type Word } from './words.js';
import type { SectionRole, Statement, StatementKind } from './types.js';

/** The sections lexicon's tag for a heading: the first cue wins ("Goals and key measures" is goals). */
export function sectionCue(heading: string): string | undefined {
  // Several cues may overlap; findMatches keeps the longest at each place.
  return findMatches(toWords(heading), loadLexicon('sections'))[0]?.entry.tag;
}

export function sectionRole(heading: string): SectionRole {
  const tag = sectionCue(heading);
  // Targets and key results are goals, though not priorities to count.
  if (tag === 'targets') return 'goals';
  return tag === 'goals' || tag === 'initiatives' || tag === 'metrics' || tag === 'context' ? tag : 'other';
}

/** Closed-class words that never open an imperative. */
const FUNCTION_WORDS = new Set(
  'a an the this that these those our their its his her my your we they it i you he she there here all each every some any no not if when while as at in on of for with from by about into over under between after before during since until although because so and or but also more most less very only just then'.split(
    ' ',
  ),
);

const MODAL_RE =
  /(?<!\b(?:that|which|who)\s+)\b(?:will|shall|should|must|going to|aims? to|aiming (?:to|for)|intends? to|plans? to|seeks? to|strives? to|wants? to|(?:is|are) committed to|commits? to|(?:is|are) to)\b(?!\s*(?:not|n't)\b)/i;
const GOAL_NOUN_RE =
  /\b(?:goal|aim|ambition|objective|mission|vision|target|purpose|intention|priority|commitment)s?\s+(?:is|are|was|will be)\s+(?:to|that)\b|\bobjectives?\s+(?:of|are)\b/i;
const REPORTED_RE = /\b(?:said|says|told|according to|writes|wrote|announced)\b|\breported(?=\s+(?:that|in|on|to|last)\b)/i;
const EXAMPLE_RE = /^(?:for example|for instance|e\.g\.)/i;
/** A quotation with its attribution: "'The best way…' - Peter Drucker". */
const QUOTATION_RE = /^["'“‘].*["'”’]\s*[-–—]\s*\p{Lu}/u;
const FINITE_RE = /\b(?:is|are|was|were|has|have|had|did|does|do|got|became|remains|seems|means|mean)\b/i;
const PAST_AFTER_SUBJECT_RE = /^(?:[\p{L}’'.-]+\s+){1,4}?(?:[\p{L}]+ed)\b/iu;
const BY_DATE_RE = /^by\s+(?:(?:the\s+)?end\s+of\s+|mid[-\s]|early\s+|late\s+)?(?:(?:19|20)\d\d|\p{L}+\s+(?:19|20)\d\d)/iu;
const GERUND_SUBJECT_RE = /^\s*(?:(?!that\b|which\b)[^\s,;:—–]+\s+){0,6}(?:is|are|was|were)\s/i;
const METRIC_FORM_RE = /^(?:the\s+)?(?:amount|number|percentage|proportion|share|rate|count|level|ratio)\s+of\b/i;

/** Removes a leading label ("CL-6:", "Goal 2 —", "Pillar 1. Customers:", "**People.**") from a statement. */
// Each statement is asked several times (classifier, analysis, rules): remembered for the document.
export const labelEnd: (text: string) => number = memoPerDocument(findLabelEnd);

function findLabelEnd(text: string): number {
  const m = /^\s*(?:[\p{L}\p{N}][\p{L}\p{N}’'&/-]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}’'&/-]*){0,5})\s*(?::|\s[–—-]\s|[–—]|\.\s+(?=\p{Lu}))\s*/u.exec(text);
  if (!m) return 0;
  // Only a label when something substantial (three words or more) follows it.
  let words = 0;
  for (let i = m[0].length, inWord = false; i < text.length && words < 3; i++) {
    const space = /\s/.test(text[i] as string);
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words >= 3 ? m[0].length : 0;
}

function body(text: string): string {
  return text.slice(labelEnd(text)).trim();
}

function verbTagged(word: string): boolean {
  return isBaseVerb(word) || isGerund(word);
}

/** Whether a word, at the head of a statement, is a verb in the imperative (or a gerund). */
export function isOpeningVerb(word: Word | undefined, next?: Word): boolean {
  if (!word || word.isNumber) return false;
  // "open-source", "cloud-based": the first half of a compound is not a verb.
  if (next?.hyphenated) return false;
  const lower = word.lower;
  if (FUNCTION_WORDS.has(lower)) return false;
  if (goalVerbKeys(loadLexicon('verbs')).has(word.key)) return true;
  if (/^[\p{L}]+ing$/u.test(lower) && lower.length > 5) return verbTagged(lower.slice(0, -3)) || verbTagged(lower);
  if (verbTagged(lower)) return true;
  // "Survey the condition of…", "Issue every tenant…": a word that can be a verb, followed by what it acts on.
  return canBeBaseVerb(lower) && next !== undefined && !next.gapBefore && (OBJECT_START.has(next.lower) || next.isNumber);
}

const goalVerbs = new WeakMap<Lexicon, Set<string>>();
/** The keys of the verbs lexicon's one-word goal verbs (asked for every statement: a set, not a scan). */
function goalVerbKeys(verbs: Lexicon): Set<string> {
  let keys = goalVerbs.get(verbs);
  if (!keys) {
    keys = new Set(verbs.entries.filter((e) => e.tag === 'goal' && e.pattern.length === 1).map((e) => e.pattern[0] as string));
    goalVerbs.set(verbs, keys);
  }
  return keys;
}

/** Words that open a verb's object: determiners, quantifiers, possessives. */
const OBJECT_START = new Set(['the', 'a', 'an', 'our', 'all', 'every', 'each', 'their', 'its', 'this', 'these', 'those', 'any', 'both', 'more', 'new', 'two', 'three', 'four', 'five', 'ten']);

/** Where `body(text)` starts in `text`. */
function bodyStart(text: string): number {
  let at = labelEnd(text);
  while (at < text.length && /\s/.test(text[at] as string)) at++;
  return at;
}

/**
 * First word of the statement's body after adverbs ("Intentionally reach out…") and "to". The words are
 * those of `text` read whole (shared with the analysis), from where its body starts; their offsets are
 * in `text`.
 */
export function openingWords(text: string, from = bodyStart(text)): Word[] {
  const all = toWords(text);
  let i = 0;
  while (i < all.length && (all[i] as Word).start < from) i++;
  const words = all.slice(i);
  i = 0;
  while (i < words.length && /ly$/.test((words[i] as Word).lower) && (words[i] as Word).lower.length > 4) i++;
  if ((words[i] as Word | undefined)?.lower === 'to') i++;
  return words.slice(i);
}

/** A statement that states an intention: opening imperative or gerund, a modal, "our goal is to…". */
export function isGoalForm(text: string): boolean {
  const b = body(text);
  if (EXAMPLE_RE.test(b) || REPORTED_RE.test(b) || QUOTATION_RE.test(b)) return false;
  if (MODAL_RE.test(b) || GOAL_NOUN_RE.test(b)) return true;
  // The opening words of the body of `b` (a second label, as in "Goal 1: Digital: grow…", is skipped too).
  const from = bodyStart(text) + bodyStart(b);
  const [first, second] = openingWords(text, from);
  if (!isOpeningVerb(first, second)) return false;
  // "Having a presence on the platform is not enough…": a gerund as the subject of a description.
  if (first && first.lower.endsWith('ing') && GERUND_SUBJECT_RE.test(b.slice(first.end - from))) return false;
  return true;
}

/** Whether the statement reports what someone said, quotes someone, or gives an example. */
export function isReported(text: string): boolean {
  const b = body(text);
  return REPORTED_RE.test(b) || QUOTATION_RE.test(b) || EXAMPLE_RE.test(b);
}

function isDescriptive(text: string): boolean {
  const b = body(text);
  return REPORTED_RE.test(b) || EXAMPLE_RE.test(b) || QUOTATION_RE.test(b) || FINITE_RE.test(b) || PAST_AFTER_SUBJECT_RE.test(b);
}

export function classify(statement: Pick<Statement, 'text' | 'origin'>, role: SectionRole): StatementKind {
  const { text, origin } = statement;
  const b = body(text);
  if (METRIC_FORM_RE.test(b)) return 'metric';
  const enumerated = origin === 'list-item' || origin === 'table-row' || origin === 'heading';
  if (role === 'metrics') return enumerated ? 'metric' : isGoalForm(text) ? 'goal' : 'prose';
  const goalForm = isGoalForm(text);
  if (role === 'goals') {
    if (goalForm) return 'goal';
    if (isDescriptive(text)) return 'prose';
    if (BY_DATE_RE.test(b)) return 'goal';
    // A noun phrase ("Customer excellence", "A culture of respect") names a theme, not a goal.
    return 'prose';
  }
  if (role === 'initiatives') {
    if (goalForm) return 'initiative';
    return 'prose';
  }
  // Outside labelled sections, only the statement's own form counts.
  if (!goalForm) return BY_DATE_RE.test(b) && !isDescriptive(text) ? 'goal' : 'prose';
  if (MODAL_RE.test(b) || GOAL_NOUN_RE.test(b)) return 'goal';
  return enumerated ? 'initiative' : 'prose';
}
