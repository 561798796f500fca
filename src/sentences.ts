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
// natural's own patterns, unchanged.
const ABBREVIATION_RE = new RegExp(`(${ABBREVIATIONS.map(escape).join('|')})`, 'gi');
const ADDRESS_RE = /(https?:\/\/\S+|www\.\S+|ftp:\/\/\S+|(mailto:)?[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}|file:\/\/\S+)/gi;
const NUMBER_RE = /\b\d{1,3}(?:,\d{3})*(?:\.\d+)?\b/g;
const DELIMITER_RE = /([.?!… ]*)([.?!…])(["'”’)}\]]?)/g;

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
  // Original lengths of the protected spans, by kind, in order.
  const lengths: Record<string, number[]> = { [ABBREVIATION]: [], [ADDRESS]: [], [NUMBER]: [] };
  let unsafe = false;
  const protect = (input: string, pattern: RegExp, mark: string): string =>
    input.replace(pattern, (match: string) => {
      if (/[\uE000-\uE002]/.test(match)) unsafe = true;
      (lengths[mark] as number[]).push(match.length);
      return mark;
    });
  const p = protect(protect(protect(text, ABBREVIATION_RE, ABBREVIATION), ADDRESS_RE, ADDRESS), NUMBER_RE, NUMBER);
  if (unsafe) return undefined;

  // Cuts in the protected text: after every punctuation run.
  const cuts: number[] = [];
  for (const m of p.matchAll(DELIMITER_RE)) cuts.push(m.index + m[0].length);

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
