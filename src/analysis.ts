/**
 * Shared reading of a statement: which tools, stakeholders, values and vanity counts it names, whether it is
 * measurable, whether it states a purpose, and whether it makes a tool the aim. Rules ask these questions;
 * the answers are computed once per statement and cached.
 */
import { loadLexicon, type Lexicon } from './lexicon.js';
import { findMatches, toWords, type Match, type Word } from './words.js';
import { labelEnd, isOpeningVerb } from './classify.js';
import type { Statement } from './types.js';

export interface ToolMention {
  /** The tool as written ("social media", "JupyterHub"). */
  name: string;
  /** Identity of the tool across the document (lexicon term, or the product name in lower case). */
  key: string;
  generic: boolean;
  /** Word indexes [from, to) and text offsets [start, end). */
  from: number;
  to: number;
  start: number;
  end: number;
  /** Whether the term itself makes the tool the aim ("Mobile First"). */
  selfAspiring: boolean;
}

export interface AimTool {
  tool: ToolMention;
  /** How the statement makes the tool its aim. */
  how: 'position' | 'identity' | 'centrality' | 'state' | 'presence' | 'object' | 'adoption' | 'deployment' | 'usage-count';
}

/** A count of reach or activity: a vanity lexicon entry, or a count of people using a tool. */
export interface VanityHit {
  from: number;
  to: number;
  start: number;
  end: number;
  /** What is counted ("followers", "users of the platform"). */
  unit: string;
  /** For a count of a tool's users or coverage: the tool. */
  tool?: ToolMention;
}

export interface Analysis {
  words: Word[];
  /** Index of the first word after a leading label ("CL-6:"). */
  bodyFrom: number;
  tools: ToolMention[];
  stakeholders: Match[];
  values: Match[];
  /** Vanity counts framed as a target or an achievement. */
  vanity: VanityHit[];
  /** A number, date, deadline or explicit measure. */
  measurable: boolean;
  /** A numeric target (not only a date). */
  numericTarget: boolean;
  /** Names a stakeholder together with a value for them. */
  linked: boolean;
  /** The purpose the statement states ("so that tenants can report repairs online"), as text offsets. */
  purpose?: { start: number; end: number };
  /** Tools the statement makes its aim (empty when none, or when a real purpose is stated). */
  aims: AimTool[];
  /** Platitude phrases found, and their total weight. */
  platitudes: Match[];
  platitudeWeight: number;
}

const cache = new WeakMap<Statement, Analysis>();

export function analyze(statement: Statement): Analysis {
  let a = cache.get(statement);
  if (!a) {
    a = analyzeText(statement.text, statement.kind === 'goal' || statement.kind === 'initiative');
    cache.set(statement, a);
  }
  return a;
}

const lex = (name: string): Lexicon => loadLexicon(name);


// --- grammar words: closed classes, not lexicons -------------------------------------------------------
const MEANS = new Set(['using', 'via', 'through', 'by', 'with', 'leveraging', 'harnessing', 'use']);
const BOUNDARY = new Set([
  'to', 'so', 'for', 'by', 'through', 'using', 'via', 'with', 'that', 'which', 'who', 'where', 'while', 'across',
  'in', 'order', 'because', 'as', 'and', 'enabling', 'allowing', 'helping', 'within', 'from', 'on', 'at',
]);
const MOVE_VERBS = new Set(['migrat', 'move', 'shift', 'transit', 'turn', 'convert', 'transfer', 'mov']);
const DETERMINERS = new Set(['a', 'an', 'the', 'our', 'their', 'its', 'new', 'all', 'every', 'each', 'this', 'these', 'two', 'three']);
const BE = new Set(['be', 'become', 'becoming', 'being', 'as', 'is', 'are', 'am', 're', 'remain', 'stay']);
const INTO = new Set(['into']);
const COPULA = new Set(['is', 'are', 'be', 'remain', 'remains', 'stay', 'stays', 'become', 'all']);
const ADOPTION = new Set(['adoption', 'uptake', 'take', 'usage', 'rollout', 'roll', 'deployment', 'migration', 'implementation']);
const DEPLOYED = new Set(['deployed', 'launched', 'implemented', 'rolled', 'adopted', 'introduced', 'installed', 'built', 'developed', 'created']);
const PROJECT = new Set(['migration', 'implementation', 'rollout', 'deployment', 'roll-out']);
const HAVE = new Set(['have', 'has', 'get', 'own']);
const MAKE = new Set(['make', 'making', 'put', 'putting', 'place', 'placing', 'made', 'makes']);
const COUNTERS = new Set(['percentage', 'number', 'share', 'proportion', 'per', 'cent']);
const PURPOSE_START = new Set(['so', 'enabling', 'allowing', 'helping', 'letting', 'cutting', 'reducing', 'saving', 'giving']);
const SELF_PROMOTION = new Set([
  'showcas', 'demonstr', 'promot', 'publicis', 'publiciz', 'advertis', 'highlight', 'show', 'market', 'rais', 'profil',
]);
const USAGE = new Set(['use', 'adopt', 'know', 'tri', 'visit', 'download', 'follow', 'like', 'join', 'engag', 'regist', 'sign', 'log']);
const GROWTH = new Set([
  'increas', 'grow', 'growth', 'doubl', 'tripl', 'more', 'reach', 'attract', 'gain', 'boost', 'maximis', 'maximiz', 'amount',
  'number', 'count', 'total', 'rise', 'extra', 'mileston', 'least', 'million', 'thousand', 'achiev', 'hit', 'target', 'exceed',
]);

/** Words before a verb that make it an aim ("we will reach", "to reach"). */
const AIMING = new Set(['to', 'will', 'shall', 'must', 'and', 'also', 'we', 'should', 'could', 'can']);

function isClauseBreak(w: Word | undefined): boolean {
  return w === undefined || (w.gapBefore && /[;:.!?()–—]|,/.test(w.punctBefore));
}

// --- tools ----------------------------------------------------------------------------------------------
const PRODUCT_NAME_RE = /^(?:[a-z]+[A-Z]|[A-Z][a-z]+[A-Z])[A-Za-z0-9]*$/;

function findTools(words: Word[]): ToolMention[] {
  const tools: ToolMention[] = findMatches(words, lex('tools')).map((m) => ({
    name: words.slice(m.from, m.to).map((w) => w.raw).join(' '),
    key: m.entry.term.toLowerCase(),
    generic: m.entry.generic,
    from: m.from,
    to: m.to,
    start: m.start,
    end: m.end,
    selfAspiring: /\bfirst$/i.test(m.entry.term),
  }));
  // Product names written in camel case (JupyterHub, myGovID, SharePoint) are tools too.
  words.forEach((w, i) => {
    // (A word written in lower case, most of them, is its own `lower`: no need to try the expression.)
    if (w.raw.length < 5 || w.raw === w.lower || !PRODUCT_NAME_RE.test(w.raw) || /^Mc|^Mac[A-Z]/.test(w.raw)) return;
    if (tools.some((t) => i >= t.from && i < t.to)) return;
    tools.push({ name: w.raw, key: w.raw.toLowerCase(), generic: false, from: i, to: i + 1, start: w.start, end: w.end, selfAspiring: false });
  });
  return tools.sort((a, b) => a.from - b.from);
}

/** Whether the tool stands in a means phrase ("using X", "through X", "by improving X") in its clause. */
function inMeans(words: Word[], tool: ToolMention): boolean {
  for (let k = tool.from - 1; k >= 0 && tool.from - k <= 6; k--) {
    const w = words[k] as Word;
    if (MEANS.has(w.lower)) return true;
    if (isClauseBreak(words[k + 1]) && k + 1 <= tool.from - 1) return false;
  }
  return false;
}

// --- purpose --------------------------------------------------------------------------------------------
/**
 * The words of a purpose stated after word `from` ("to involve customers…", "so that…", "for patients"),
 * or undefined when none is stated.
 */
function purposeAfter(words: Word[], from: number, stakeholders: Match[], tools: ToolMention[]): Word[] | undefined {
  const isToolWord = (i: number): boolean => tools.some((t) => i >= t.from && i < t.to);
  for (let k = from; k < words.length; k++) {
    const w = words[k] as Word;
    const next = words[k + 1];
    let start = -1;
    if (w.lower === 'to' && next && !DETERMINERS.has(next.lower) && !next.isNumber && !isToolWord(k + 1) && isOpeningVerb(next)) start = k + 1;
    else if (PURPOSE_START.has(w.lower)) start = k + 1;
    else if (w.lower === 'in' && next?.lower === 'order') start = k + 3;
    else if ((w.lower === 'that' || w.lower === 'which') && next && /^(?:will|helps?|lets?|allows?|enables?|gives?|means?)$/.test(next.lower)) start = k + 1;
    else if (w.lower === 'for' && stakeholders.some((s) => s.from > k && s.from <= k + 4 && isGroupForm(words, s))) start = k + 1;
    if (start >= 0) {
      let end = start;
      while (end < words.length && !(end > start && (words[end] as Word).gapBefore && /;/.test((words[end] as Word).punctBefore))) end++;
      return words.slice(start, end);
    }
  }
  return undefined;
}

/** "for students" names a group; "for student data" only uses the word as a modifier. */
function isGroupForm(words: Word[], m: Match): boolean {
  const last = words[m.to - 1] as Word;
  const term = m.entry.term.toLowerCase().split(/\s+/).pop() ?? '';
  return last.lower === term || last.lower.replace(/'s?$/, '') === term;
}

/** A purpose counts when it is about something other than the tool itself, its use, or self-promotion. */
function isRealPurpose(content: Word[]): boolean {
  const meaningful = content.filter((w) => !DETERMINERS.has(w.lower) && w.lower.length > 2);
  if (meaningful.length < 2) return false;
  const tools = findTools(content);
  const hasValue = findMatches(content, lex('values')).length > 0;
  const hasPeople = findMatches(content, lex('stakeholders')).length > 0;
  if (tools.length > 0 && !(hasValue && hasPeople)) return false;
  const head = meaningful.slice(0, 4);
  // "…central to enabling change": a platitude is not a purpose.
  if (!hasValue && !hasPeople && findMatches(content, lex('platitudes')).length > 0) return false;
  const lead = meaningful[0] as Word;
  const second = meaningful[1] as Word;
  if (SELF_PROMOTION.has(lead.key) && (lead.key !== 'rais' || /^(?:awareness|profil|visibl)/.test(second.lower))) return false;
  if (!hasValue && head.some((w) => USAGE.has(w.key))) return false;
  // "to assist with the migration", "to support the use of the platform": the tool's own roll-out.
  if (!hasPeople && meaningful.some((w) => PROJECT.has(w.lower))) return false;
  return true;
}

// --- measurability --------------------------------------------------------------------------------------
const TIME_PHRASE_RE =
  /\b(?:by|before|within|until|till|over|during|in)\s+(?:the\s+)?(?:end\s+of\s+)?(?:(?:the|this|next|coming|first|second|current)\s+)?(?:financial\s+|academic\s+|fiscal\s+|school\s+)?(?:year|decade|quarter|term|semester|month|biennium|parliament|plan period)\b|\bFY\s?\d{2,4}\b|\bQ[1-4]\b/i;

function measures(words: Word[], text: string): { measurable: boolean; numericTarget: boolean } {
  const m = findMatches(words, lex('measures'));
  const tagAt = new Map<number, string>();
  for (const x of m) tagAt.set(x.from, x.entry.tag);
  let measurable = false;
  let numericTarget = false;
  let labelRun = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    const prev = words[i - 1];
    if (w.isNumber) {
        if (w.hyphenated && prev && !prev.isNumber) continue; // CL-6
      const prevTag = prev ? tagAt.get(i - 1) : undefined;
      // "levels 3, 4 or 5", "Goal 2": numbers that name things, not measures.
      if (prevTag === 'label' || (labelRun && (w.punctBefore.includes(',') || /^(?:or|and|to)$/.test(prev?.lower ?? '')))) {
        labelRun = true;
        continue;
      }
      labelRun = false;
      measurable = true;
      const n = Number(w.raw.replace(/[,%]/g, ''));
      const isYear = /^\d{4}$/.test(w.raw) && n >= 1900 && n <= 2100;
      const nextTag = tagAt.get(i + 1);
      if (!isYear && nextTag !== 'time' && nextTag !== 'month') numericTarget = true;
      continue;
    }
    labelRun = labelRun && /^(?:or|and|to)$/.test(w.lower);
    const tag = tagAt.get(i);
    if (tag === 'number') {
      const next = words[i + 1];
      if (prev && (prev.lower === 'number' || prev.lower === 'no')) continue; // a rank, as in "number one"
      if (next && !next.gapBefore && next.lower.length > 2 && !BOUNDARY.has(next.lower) && !['another', 'of', 'in', 'day'].includes(next.lower)) {
        measurable = true;
        if (tagAt.get(i + 1) !== 'time') numericTarget = true;
      }
    } else if (tag === 'fraction' || tag === 'measure') {
      measurable = true;
      numericTarget = true;
    }
  }
  if (!measurable && TIME_PHRASE_RE.test(text)) measurable = true;
  if (/%/.test(text) && /\d\s*%/.test(text)) measurable = numericTarget = true;
  return { measurable, numericTarget };
}

// --- aims -----------------------------------------------------------------------------------------------
function aimTools(words: Word[], from: number, tools: ToolMention[], goalLike: boolean): AimTool[] {
  const aims: AimTool[] = [];
  // Every aim found is one of the tools: with none, there is nothing to look for.
  if (tools.length === 0) return aims;
  const push = (tool: ToolMention | undefined, how: AimTool['how']): void => {
    if (tool && !aims.some((a) => a.tool === tool)) aims.push({ tool, how });
  };
  const tags = ['position', 'suffix', 'org', 'state', 'centrality', 'presence'];
  const aimWords = tags.flatMap((tag) => findMatches(words, lex('aims'), tag));
  const byTag = (tag: string): Match[] => aimWords.filter((m) => m.entry.tag === tag);
  const has = (i: number, set: Set<string>): boolean => set.has((words[i] as Word | undefined)?.lower ?? '');

  for (const tool of tools) {
    if (tool.selfAspiring) push(tool, 'identity');
    const next = words[tool.to];
    // "AI-first", "blockchain-powered", "cloud first"
    if (next && !next.gapBefore && aimWords.some((m) => m.from === tool.to && m.entry.tag === 'suffix')) push(tool, 'identity');
    // "become a blockchain pioneer", "an AI leader"
    if (next && aimWords.some((m) => m.from === tool.to && m.entry.tag === 'position')) {
      for (let k = tool.from - 1; k >= Math.max(0, tool.from - 4); k--) if (has(k, BE) || has(k, INTO)) push(tool, 'position');
    }
    // "be a digital bank", "a top 10 software company"
    if (next && aimWords.some((m) => m.from === tool.to && m.entry.tag === 'org')) {
      for (let k = tool.from - 1; k >= Math.max(0, tool.from - 6); k--) if (has(k, BE)) push(tool, 'identity');
    }
    // "our platforms are modern", "technology is cutting-edge"
    for (let k = tool.to; k < Math.min(words.length, tool.to + 2); k++) {
      if (has(k, COPULA) && byTag('state').some((m) => m.from > k && m.from <= k + 3)) push(tool, 'state');
    }
    // "making technology central", "put AI at the heart"
    for (let k = tool.from - 1; k >= Math.max(0, tool.from - 3); k--) {
      if (has(k, MAKE) && byTag('centrality').some((m) => m.from >= tool.to && m.from <= tool.to + 2)) push(tool, 'centrality');
    }
    // "active on TikTok", "a presence on social media"
    const before = words[tool.from - 1];
    if (before && (before.lower === 'on' || before.lower === 'in') && byTag('presence').some((m) => m.to >= tool.from - 3 && m.to < tool.from)) {
      push(tool, 'presence');
    }
    // "cloud adoption", "adoption of AI", "percentage of schools using data analytic tools"
    if (goalLike && !inMeans(words, tool)) {
      if (next && ADOPTION.has(next.lower)) push(tool, 'adoption');
      const b2 = words[tool.from - 2];
      if (before?.lower === 'of' && b2 && ADOPTION.has(b2.lower)) push(tool, 'adoption');
    }
    if (goalLike && before?.lower === 'using') {
      for (let k = tool.from - 2; k >= Math.max(0, tool.from - 6); k--) if (has(k, COUNTERS)) push(tool, 'adoption');
    }
    // "edge nodes should be deployed", "have its first quantum computer"
    if (goalLike) {
      for (let k = tool.to; k < Math.min(words.length, tool.to + 3); k++) if (has(k, DEPLOYED)) push(tool, 'deployment');
      for (let k = tool.from - 1; k >= Math.max(0, tool.from - 3); k--) {
        if (has(k, HAVE) && (has(k + 1, DETERMINERS) || /^(?:its|own|first)$/.test((words[k + 1] as Word | undefined)?.lower ?? ''))) {
          push(tool, 'deployment');
        }
      }
    }
  }
  // "Become a leader in social media", "be a world leader in AI", "the first blockchain-powered city"
  for (const p of byTag('position')) {
    let beBefore = p.from - from <= 2;
    for (let k = p.from - 1; k >= Math.max(0, p.from - 5) && !beBefore; k--) if (has(k, BE) || (words[k] as Word).lower === 'becoming') beBefore = true;
    if (!beBefore) continue;
    let k = p.to;
    while (k < words.length && k < p.to + 12 && !(k > p.to && isClauseBreak(words[k])) && !MEANS.has((words[k] as Word).lower)) {
      const t = tools.find((x) => x.from === k);
      if (t) {
        push(t, 'position');
        break;
      }
      k++;
    }
  }
  if (!goalLike) return aims;

  // The object of an aim verb: "Launch a collaboration platform", "Migrate services to the cloud".
  const verbs = findMatches(words, lex('verbs'), 'aim');
  for (const v of verbs) {
    let pi = v.from - 1;
    while (pi > from && /^(?:also|then|further|now|jointly|together)$|ly$/.test((words[pi] as Word).lower)) pi--;
    const prev = words[pi];
    const atHead =
      v.from === from ||
      (v.from <= from + 2 && words.slice(from, v.from).every((w) => /ly$/.test(w.lower) || w.lower === 'to')) ||
      (prev !== undefined && /^(?:will|shall|should|must|to|and|we)$/.test(prev.lower) && !inMeansWord(words, v.from));
    if (!atHead) continue;
    let k = v.to;
    // "Expand and enhance X": skip the second verb.
    if ((words[k] as Word | undefined)?.lower === 'and' && verbs.some((o) => o.from === k + 1)) {
      k = (verbs.find((o) => o.from === k + 1) as Match).to;
    }
    const first = words[k];
    // "Modernise the way government funds technology": the object is a manner, not the tool.
    if (first && /^(?:how|what|why|whether|ways)$/.test(first.lower)) continue;
    if (first?.lower === 'the' && /^ways?$/.test((words[k + 1] as Word | undefined)?.lower ?? '')) continue;
    const moveVerb = MOVE_VERBS.has(v.entry.pattern[0] ?? '');
    let span = 0;
    let crossedTo = false;
    while (k < words.length && span < 9) {
      const w = words[k] as Word;
      if (span > 0 && w.gapBefore && !(w.punctBefore.includes(',') && DETERMINERS.has(w.lower) && span <= 2)) break;
      if (span > 0 && BOUNDARY.has(w.lower) && !(w.lower === 'in' && span <= 3) && !(w.lower === 'on' && span <= 2)) {
        if (moveVerb && (w.lower === 'to' || w.lower === 'into') && !crossedTo) {
          crossedTo = true;
        } else break;
      }
      const t = tools.find((x) => x.from === k);
      if (t) push(t, 'object');
      k++;
      span++;
    }
  }
  return aims;
}

function inMeansWord(words: Word[], i: number): boolean {
  for (let k = i - 1; k >= 0 && i - k <= 5; k--) {
    if (MEANS.has((words[k] as Word).lower)) return true;
    if (isClauseBreak(words[k + 1]) && k + 1 < i) return false;
  }
  return false;
}

// --- vanity ---------------------------------------------------------------------------------------------
/** Whether a word starts an item of an inline list of measures ("… seminars - Media mentions"). */
function startsInlineItem(words: Word[], k: number, text: string): boolean {
  const w = words[k] as Word;
  return k === 0 || (/[-–—•;·]/.test(w.punctBefore) && /\s/.test(text.charAt(w.start - 1)));
}

/** Number of words in the inline list item holding word i. */
function inlineItemLength(words: Word[], i: number, text: string): number {
  let from = i;
  while (from > 0 && !startsInlineItem(words, from, text)) from--;
  let to = i + 1;
  while (to < words.length && !startsInlineItem(words, to, text)) to++;
  return to - from;
}

function vanityCounts(words: Word[], text: string, tools: ToolMention[], stakeholders: Match[], numeric: boolean): VanityHit[] {
  const hits: VanityHit[] = [];
  const found = findMatches(words, lex('vanity'));
  // A count only when framed as one: a number or growth word, or a short measure name.
  const framed = (m: Match): boolean => numeric || words.some((w) => GROWTH.has(w.key)) || words.length <= 6 || inlineItemLength(words, m.from, text) <= 4;
  if (found.length > 0) {
    for (const m of found) {
      if (!framed(m)) continue;
      // "Reach 2 million people" is a target; "the waiting list reached 2,300 people" reports a problem.
      const before = words[m.from - 1];
      if ((words[m.from] as Word).key === 'reach' && before !== undefined && !AIMING.has(before.lower)) continue;
      const purpose = purposeAfter(words, m.to, stakeholders, tools);
      if (purpose && isRealPurpose(purpose) && purposeNear(words, m.to)) continue;
      hits.push({ from: m.from, to: m.to, start: m.start, end: m.end, unit: words.slice(m.from, m.to).map((w) => w.raw).join(' ') });
    }
  }
  // Adoption counted as success: "7,000 employees were using the platform", "deployed X to over 70% of staff".
  for (const tool of tools) {
    if (tool.generic) continue;
    const lo = Math.max(0, tool.from - 8);
    const before = words.slice(lo, tool.from);
    const using = before.findIndex((w) => /^(?:using|use)$/.test(w.lower));
    const isCount = (w: Word): boolean => w.isNumber && !/^(?:19|20)\d\d$/.test(w.raw);
    if (using >= 0 && before.slice(0, using).some(isCount) && !inMeansClause(words, lo + using)) {
      const n = lo + before.findIndex(isCount);
      hits.push({ from: n, to: tool.to, start: (words[n] as Word).start, end: tool.end, unit: `users of ${tool.name}`, tool });
      continue;
    }
    const deployed = before.findIndex((w) => DEPLOYED.has(w.lower));
    const after = words.slice(tool.to, tool.to + 10);
    const share = after.findIndex((w, k) => w.isNumber && /%$/.test(w.raw) && after[k - 1] !== undefined);
    if (deployed >= 0 && share >= 0 && after.slice(0, share).some((w) => w.lower === 'to')) {
      const last = after[share] as Word;
      hits.push({ from: tool.from, to: tool.to + share + 1, start: tool.start, end: last.end, unit: `coverage of ${tool.name}`, tool });
    }
  }
  return hits;
}

/** A "using"/"use" that introduces a means ("…to access services using the app") rather than a count of users. */
function inMeansClause(words: Word[], i: number): boolean {
  const prev = words[i - 1];
  return prev !== undefined && (prev.lower === 'by' || prev.lower === 'to');
}

function purposeNear(words: Word[], from: number): boolean {
  for (let k = from; k < Math.min(words.length, from + 4); k++) {
    const w = words[k] as Word;
    if (w.lower === 'to' || PURPOSE_START.has(w.lower)) return true;
  }
  return false;
}

// --- everything -----------------------------------------------------------------------------------------
function withoutParentheses(words: Word[], text: string): Word[] {
  const ranges: Array<[number, number]> = [];
  const re = /\([^()]*\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) ranges.push([m.index, m.index + m[0].length]);
  if (ranges.length === 0) return words;
  return words.filter((w) => !ranges.some(([s, e]) => w.start >= s && w.end <= e));
}

/** Whether a phrase is part of a tool's name or modifies it ("best practices collaboration platform"). */
function modifies(words: Word[], m: Match, tool: ToolMention): boolean {
  if (m.start < tool.end && tool.start < m.end) return true;
  const endWord = words.findIndex((w) => w.start >= m.end);
  if (endWord < 0 || endWord > tool.from || tool.from - endWord > 2) return false;
  return words.slice(endWord, tool.from + 1).every((w) => !w.gapBefore);
}

/** Weight of platitude phrases at and above which a statement with no numeric target is a platitude. */
export const PLATITUDE_THRESHOLD = 2;

/** Whether the statement, as a whole, commits to nothing anyone would argue against. */
export function isPlatitude(a: Analysis): boolean {
  return a.platitudeWeight >= PLATITUDE_THRESHOLD && !a.numericTarget;
}

export function analyzeText(text: string, goalLike: boolean): Analysis {
  const words = toWords(text);
  const bodyOffset = labelEnd(text);
  let bodyFrom = words.findIndex((w) => w.start >= bodyOffset);
  if (bodyFrom < 0) bodyFrom = words.length;
  let head = bodyFrom;
  while (head < words.length && ((/ly$/.test((words[head] as Word).lower) && (words[head] as Word).lower.length > 4) || (words[head] as Word).lower === 'to')) head++;
  const tools = findTools(words);
  // "customer relationship management" names a tool, not customers.
  const stakeholders = findMatches(words, lex('stakeholders')).filter((s) => !tools.some((t) => s.start < t.end && t.start < s.end));
  const values = findMatches(words, lex('values'));
  const bodyText = text.slice(bodyOffset);
  // The words after the label (the words themselves when there is none: they are never changed).
  const body = bodyFrom === 0 ? words : words.slice(bodyFrom);
  const { measurable, numericTarget } = measures(body, text);
  const statedPurpose = purposeAfter(words, head, stakeholders, tools);
  const realPurpose = statedPurpose !== undefined && isRealPurpose(statedPurpose);
  const linked =
    (stakeholders.length > 0 &&
      (values.length > 0 || stakeholders.some((s) => (words[s.from - 1] as Word | undefined)?.lower === 'for') || realPurpose)) ||
    // "…to cut the wait for screening results from six weeks to ten days": a value for people, if unnamed.
    (realPurpose && findMatches(statedPurpose as Word[], lex('values')).length > 0);
  const vanity = vanityCounts(words, text, tools, stakeholders, numericTarget || measurable);

  let aims = aimTools(words, head, tools, goalLike);
  // Counting a tool's users as success makes the tool the goal, whatever the statement's form.
  for (const hit of vanity) if (hit.tool && !aims.some((x) => x.tool === hit.tool)) aims.push({ tool: hit.tool, how: 'usage-count' });
  if (aims.length > 0) {
    const lastAim = Math.max(...aims.map((a) => a.tool.to));
    const purpose = purposeAfter(words, lastAim, stakeholders, tools);
    if (linked || (purpose && isRealPurpose(purpose))) aims = [];
  }
  const judged = withoutParentheses(body, bodyText);
  const named = tools.filter((t) => !t.generic);
  const platitudes = findMatches(judged, lex('platitudes')).filter((m) => !named.some((t) => modifies(words, m, t)));
  let platitudeWeight = platitudes.reduce((sum, m) => sum + m.entry.weight, 0);
  // "become a more inclusive university", "be an outstanding trust": a virtue claimed as an identity.
  let orgs: Match[] | undefined;
  const claimedIdentity = (m: Match): boolean =>
    (orgs ??= findMatches(judged, lex('aims'), 'org')).some((o) => o.from >= m.to && o.from <= m.to + 1) && judged.slice(Math.max(0, m.from - 4), m.from).some((w) => BE.has(w.lower));
  if (platitudes.some(claimedIdentity)) platitudeWeight += 1;
  const purpose = realPurpose && statedPurpose && statedPurpose.length > 0 ? { start: (statedPurpose[0] as Word).start, end: (statedPurpose[statedPurpose.length - 1] as Word).end } : undefined;
  return { words, bodyFrom, tools, stakeholders, values, vanity, measurable, numericTarget, linked, ...(purpose ? { purpose } : {}), aims, platitudes, platitudeWeight };
}
