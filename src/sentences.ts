/**
 * Sentence boundaries as natural's SentenceTokenizer (natural 8) finds them, found without its cost.
 *
 * natural protects abbreviations, then web and e-mail addresses, then numbers, by swapping each for a
 * placeholder; cuts after every run of sentence punctuation in what remains; then swaps every placeholder
 * back, compiling one regular expression per placeholder for every sentence (most of its time). The cuts
 * depend only on where the protected spans and the punctuation runs are, so this does the same passes with
 * the same patterns, each protected span standing as one private-use character, and maps the cuts back to
 * the text. Where natural's swapping back would not give the text back — the text already holds `{{` (its
 * placeholders' opening) or the private-use characters, or an address holds an abbreviation (natural then
 * leaves a placeholder in the sentence) — this returns undefined and natural itself is asked.
 *
 * A test compares both on generated and real paragraphs.
 */

/** The abbreviations planlint gives natural (a full stop after them ends no sentence). */
export const ABBREVIATIONS = ['e.g.', 'i.e.', 'etc.', 'vs.', 'U.S.', 'U.K.', 'Dr.', 'Mr.', 'Mrs.', 'Ms.', 'Inc.', 'Ltd.', 'approx.', 'cf.'];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// natural's patterns for abbreviations and numbers, unchanged. Its patterns for addresses and punctuation
// runs backtrack (quadratic time on long runs of address characters or of spaces and full stops): they are
// replaced by the linear scans `addresses` and `delimiters` below, which find the same matches (tested
// against natural's patterns).
const ABBREVIATION_RE = new RegExp(`(${ABBREVIATIONS.map(escape).join('|')})`, 'gi');
const NUMBER_RE = /\b\d{1,3}(?:,\d{3})*(?:\.\d+)?\b/g;

const ABBREVIATION = '\uE000';
const ADDRESS = '\uE001';
const NUMBER = '\uE002';
const UNSAFE_RE = /[\uE000-\uE002]|\{\{/;

/**
 * The sentences natural would return for `text`, as [start, end) offsets, trimmed of white space and
 * without empty ones; or undefined where only natural itself can say.
 */
export function naturalSentenceSpans(text: string): Array<[number, number]> | undefined {
  if (UNSAFE_RE.test(text)) return undefined;
  // One sentence: no sentence punctuation but a final run of it, maybe closed by one quote or bracket. Cuts
  // fall only after such punctuation, and protecting a span can only remove one, so all that could be cut
  // off here is white space.
  const single = singleSentence(text);
  if (single) return single;
  // Original lengths of the protected spans, by kind, in order.
  const lengths: Record<string, number[]> = { [ABBREVIATION]: [], [ADDRESS]: [], [NUMBER]: [] };
  let unsafe = false;
  const protect = (input: string, matches: Iterable<[number, number]>, mark: string): string => {
    let out = '';
    let last = 0;
    for (const [a, b] of matches) {
      if (/[\uE000-\uE002]/.test(input.slice(a, b))) unsafe = true;
      (lengths[mark] as number[]).push(b - a);
      out += input.slice(last, a) + mark;
      last = b;
    }
    return out + input.slice(last);
  };
  // Each pass is skipped where it cannot match: an address needs '@', '://' or 'www.'; a number a digit.
  const a = protect(text, matchSpans(text, ABBREVIATION_RE), ABBREVIATION);
  const b = ADDRESS_HINT_RE.test(a) ? protect(a, addresses(a), ADDRESS) : a;
  const p = /\d/.test(b) ? protect(b, matchSpans(b, NUMBER_RE), NUMBER) : b;
  if (unsafe) return undefined;

  // Cuts in the protected text: after every punctuation run.
  const cuts = [...delimiters(p)].map(([, end]) => end);

  // Walk the protected text and the text together to map each cut back.
  const next: Record<string, number> = { [ABBREVIATION]: 0, [ADDRESS]: 0, [NUMBER]: 0 };
  const spans: Array<[number, number]> = [];
  let at = 0; // in the text
  let from = 0; // start of the current sentence, in the text
  let cut = 0;
  const push = (end: number): void => {
    let a = from;
    let b = end;
    while (a < b && /\s/.test(text[a] as string)) a++;
    while (b > a && /\s/.test(text[b - 1] as string)) b--;
    if (a < b) spans.push([a, b]);
    from = end;
  };
  for (let i = 0; i < p.length; i++) {
    while (cut < cuts.length && cuts[cut] === i) {
      push(at);
      cut++;
    }
    const ch = p[i] as string;
    const list = lengths[ch];
    if (list) at += list[(next[ch] as number)++] as number;
    else at++;
  }
  push(text.length);
  return spans;
}

const ADDRESS_HINT_RE = /@|:\/\/|www\./i;

const isSentenceEnd = (c: number): boolean => c === 46 || c === 63 || c === 33 || c === 0x2026; // . ? ! …

/** The whole text, trimmed, when no sentence could be cut from it (see naturalSentenceSpans). */
function singleSentence(text: string): Array<[number, number]> | undefined {
  let b = text.length;
  while (b > 0 && /\s/.test(text[b - 1] as string)) b--;
  let end = b;
  if (end > 0 && CLOSERS.has(text[end - 1] as string)) end--;
  while (end > 0 && isSentenceEnd(text.charCodeAt(end - 1))) end--;
  for (let i = 0; i < end; i++) if (isSentenceEnd(text.charCodeAt(i))) return undefined;
  let a = 0;
  while (a < b && /\s/.test(text[a] as string)) a++;
  return a < b ? [[a, b]] : [];
}

/** The [start, end) of each match of a global pattern. */
function* matchSpans(text: string, pattern: RegExp): Generator<[number, number]> {
  for (const m of text.matchAll(pattern)) yield [m.index, m.index + m[0].length];
}

const CLOSERS = new Set(['"', "'", '”', '’', ')', '}', ']']);

/**
 * natural's punctuation runs, `/([.?!… ]*)([.?!…])(["'”’)}\]]?)/g`: in each run of those characters and
 * spaces that holds a sentence end, from the run's start to its last sentence end, then a closing quote or
 * bracket right after it.
 */
export function* delimiters(text: string): Generator<[number, number]> {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && !isSentenceEnd(c)) {
      i++;
      continue;
    }
    let end = i;
    let lastEnd = -1;
    for (let d = c; end < text.length && (d === 32 || isSentenceEnd(d)); d = text.charCodeAt(++end)) {
      if (d !== 32) lastEnd = end;
    }
    if (lastEnd < 0) {
      i = end;
      continue;
    }
    let stop = lastEnd + 1;
    if (stop === end && stop < text.length && CLOSERS.has(text[stop] as string)) stop++;
    yield [i, stop];
    i = stop > end ? stop : end;
  }
}

const isLocal = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45; // a-z A-Z 0-9 . _ % + -
const isDomain = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45; // a-z A-Z 0-9 . -
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const URL_START_RE = /https?:\/\/|www\.|ftp:\/\/|file:\/\//iy;
const MAILTO_RE = /mailto:/iy;

/**
 * natural's addresses, `/(https?:\/\/\S+|www\.\S+|ftp:\/\/\S+|(mailto:)?[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}|file:\/\/\S+)/gi`:
 * at the leftmost place one starts, a web address to the next white space, or an e-mail address.
 */
export function* addresses(text: string): Generator<[number, number]> {
  const n = text.length;
  // The end of the e-mail address whose local part is the run of local characters starting at `from`
  // (its '@', then the longest domain that ends in '.' and two or more letters), or -1.
  const email = (from: number): number => {
    let at = from;
    while (at < n && isLocal(text.charCodeAt(at))) at++;
    if (at === from || text.charCodeAt(at) !== 64) return -1;
    const d0 = at + 1;
    let d1 = d0;
    while (d1 < n && isDomain(text.charCodeAt(d1))) d1++;
    for (let dot = d1 - 1; dot > d0; dot--) {
      if (text.charCodeAt(dot) !== 46) continue;
      let e = dot + 1;
      while (e < n && isLetter(text.charCodeAt(e))) e++;
      if (e - dot - 1 >= 2) return e;
    }
    return -1;
  };
  let failedRunEnd = -1; // positions before this, in a run of local characters, start no e-mail address
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i) | 0x20; // lower case, for letters
    URL_START_RE.lastIndex = i;
    if ((c === 104 || c === 119 || c === 102) && URL_START_RE.test(text)) { // h, w, f
      let e = URL_START_RE.lastIndex;
      if (e < n && !/\s/.test(text[e] as string)) {
        while (e < n && !/\s/.test(text[e] as string)) e++;
        yield [i, e];
        i = e;
        continue;
      }
    }
    MAILTO_RE.lastIndex = i;
    if (c === 109 && MAILTO_RE.test(text)) { // m
      const e = email(i + 7);
      if (e >= 0) {
        yield [i, e];
        i = e;
        continue;
      }
    }
    if (i >= failedRunEnd && isLocal(text.charCodeAt(i))) {
      const e = email(i);
      if (e >= 0) {
        yield [i, e];
        i = e;
        continue;
      }
      // Every later start in this run reaches the same '@' (or none), so fails the same way.
      let runEnd = i;
      while (runEnd < n && isLocal(text.charCodeAt(runEnd))) runEnd++;
      failedRunEnd = runEnd;
    }
    i++;
  }
}
