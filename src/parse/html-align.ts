/**
 * Maps the text an HTML reader produces back to exact offsets in the HTML source. The source is first
 * projected to the text a reader sees — tags, comments, scripts and styles dropped, character references
 * decoded — each character keeping its source offset; then a text node's characters are matched against
 * that projection, where any run of white space answers for one collapsed space. This stays exact across
 * `<span>`s, comments, entities and line breaks that a plain character search would misalign.
 *
 * The projection tokenizes as the HTML parser does (WHATWG tokenizer, scripting disabled, as rehype-parse
 * runs parse5): a tag ends at the first `>` outside a quoted attribute value, and a quote opens a value only
 * right after `=` (`<h1 a"b>` is a tag with an attribute named `a"b`); comments end at `-->` or `--!>`
 * (`<!-->` and `<!--->` are whole comments); `<!…>`, `<?…>` and `</…>` not followed by a letter are bogus
 * comments that end at the first `>`; `</>` is dropped; raw text elements end only at their own end tag
 * followed by white space, `/` or `>` (with script data's escapes). Any other reading loses the text after
 * the tag: the text nodes found there then have nothing to align with and collapse onto one character.
 */
import { createRequire } from 'node:module';
import type { TextRun } from '../source.js';

const require = createRequire(import.meta.url);
let decodeNamed: ((name: string) => string | false) | undefined;

export interface Projection {
  text: string;
  /** Source offset of each character of `text`. */
  offsets: number[];
}

/** HTML white space (CR included: the parser reads it as LF). */
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

const isAsciiAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** Whether `source` at `at` spells the lower-case ASCII `name`, letters in any case (ASCII case folding only, as HTML). */
function spells(source: string, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) {
    const c = source.charCodeAt(at + k);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== name.charCodeAt(k)) return false;
  }
  return true;
}

/** Whether an end tag of `name` starts at `k` (`</name` then white space, `/` or `>`), as raw text and RCDATA end. */
function endTagAt(source: string, k: number, name: string): boolean {
  if (source[k] !== '<' || source[k + 1] !== '/' || !spells(source, k + 2, name)) return false;
  const after = source[k + 2 + name.length];
  return isSpace(after) || after === '/' || after === '>';
}

/**
 * Where a tag ends (just past its `>`; the source's end if it never ends, when the parser drops it), for a tag
 * whose attributes start at `k`, just after its name. A quote opens an attribute value only after `=`; a
 * quote anywhere else is part of a name or of an unquoted value.
 */
function attributesEnd(source: string, k: number): number {
  const n = source.length;
  for (;;) {
    // Before an attribute name (also after a quoted value, and after a `/` not followed by `>`).
    while (k < n && (isSpace(source[k]) || source[k] === '/')) k++;
    if (k >= n) return n;
    if (source[k] === '>') return k + 1;
    // The attribute's name: its first character may be `=`.
    k++;
    while (k < n && !isSpace(source[k]) && source[k] !== '/' && source[k] !== '>' && source[k] !== '=') k++;
    while (k < n && isSpace(source[k])) k++;
    if (k >= n) return n;
    if (source[k] !== '=') continue; // `/`, `>` or the next attribute's name
    k++;
    while (k < n && isSpace(source[k])) k++;
    if (k >= n) return n;
    const quote = source[k];
    if (quote === '"' || quote === "'") {
      const close = source.indexOf(quote, k + 1);
      if (close < 0) return n;
      k = close + 1;
    } else if (quote === '>') {
      return k + 1;
    } else {
      while (k < n && !isSpace(source[k]) && source[k] !== '>') k++;
    }
  }
}

/** Just past the first `>` from `k`: a bogus comment or a DOCTYPE ends there, quotes or not. */
function bogusCommentEnd(source: string, k: number): number {
  const close = source.indexOf('>', k);
  return close < 0 ? source.length : close + 1;
}

/** Just past the end of a comment whose text starts at `k` (after `<!--`). */
function commentEnd(source: string, k: number): number {
  if (source[k] === '>') return k + 1; // <!-->
  if (source[k] === '-' && source[k + 1] === '>') return k + 2; // <!--->
  // The first `-->` or `--!>` (one search, not one for each: a document of many comments stays linear).
  for (let d = source.indexOf('--', k); d >= 0; d = source.indexOf('--', d + 1)) {
    if (source[d + 2] === '>') return d + 3;
    if (source[d + 2] === '!' && source[d + 3] === '>') return d + 4;
  }
  return source.length;
}

/**
 * Elements whose content is text up to their own end tag, and that no reader shows (`<title>`'s text, with
 * character references, is the page's title). Scripting is disabled: `<noscript>` is not one.
 */
const RAW_TEXT = new Set(['style', 'xmp', 'iframe', 'noembed', 'noframes', 'title']);

/**
 * Where the end tag of a `<script>` whose content starts at `k` begins, or -1. Script data has escapes: after
 * `<!--`, a `<script>` opens a part in which `</script>` does not end the element, up to the next `</script>`.
 */
function scriptEnd(source: string, k: number): number {
  const n = source.length;
  let state: 'data' | 'escaped' | 'double' = 'data';
  let dashes = 0;
  for (; k < n; k++) {
    const c = source[k];
    if (state === 'data') {
      if (c !== '<') continue;
      if (endTagAt(source, k, 'script')) return k;
      if (source.startsWith('<!--', k)) {
        state = 'escaped';
        dashes = 2;
        k += 3;
      }
      continue;
    }
    if (c === '-') {
      dashes++;
      continue;
    }
    if (c === '>' && dashes >= 2) {
      state = 'data';
      dashes = 0;
      continue;
    }
    dashes = 0;
    if (c !== '<') continue;
    if (state === 'escaped') {
      if (endTagAt(source, k, 'script')) return k;
      const after = source[k + 7];
      if (spells(source, k + 1, 'script') && (isSpace(after) || after === '/' || after === '>')) {
        state = 'double';
        k += 6;
      }
    } else if (endTagAt(source, k, 'script')) {
      state = 'escaped';
      k += 7;
    }
  }
  return -1;
}

/**
 * What starts with the `<` at `i`: `end`, just past the markup the parser reads there (a tag, a comment, a
 * raw text element whole), and for `<textarea>` `rcdataEnd`, where its content (text with character
 * references, where `<` is text) ends; `undefined` when the `<` is text.
 */
function markupAt(source: string, i: number): { end: number; rcdataEnd?: number } | undefined {
  const n = source.length;
  const next = source[i + 1];
  if (isAsciiAlpha(next)) {
    let k = i + 2;
    while (k < n && !isSpace(source[k]) && source[k] !== '/' && source[k] !== '>') k++;
    const end = attributesEnd(source, k);
    const name = k - i - 1 <= 9 ? source.slice(i + 1, k).replace(/[A-Z]+/g, (m) => m.toLowerCase()) : '';
    if (name === 'script' || name === 'textarea' || RAW_TEXT.has(name)) {
      let close: number;
      if (name === 'script') {
        close = scriptEnd(source, end);
      } else {
        close = source.indexOf('</', end);
        while (close >= 0 && !endTagAt(source, close, name)) close = source.indexOf('</', close + 2);
      }
      // A textarea's content is text, with character references (RCDATA); the others' is dropped whole.
      if (name === 'textarea') return { end, rcdataEnd: close < 0 ? n : close };
      return { end: close < 0 ? n : attributesEnd(source, close + 2 + name.length) };
    }
    if (name === 'plaintext') return { end: n };
    return { end };
  }
  if (next === '/') {
    const after = source[i + 2];
    if (isAsciiAlpha(after)) {
      let k = i + 3;
      while (k < n && !isSpace(source[k]) && source[k] !== '/' && source[k] !== '>') k++;
      return { end: attributesEnd(source, k) };
    }
    if (after === '>') return { end: i + 3 };
    if (after === undefined) return undefined; // `</` at the end is text
    return { end: bogusCommentEnd(source, i + 2) };
  }
  if (next === '!') return { end: source.startsWith('<!--', i) ? commentEnd(source, i + 4) : bogusCommentEnd(source, i + 2) };
  if (next === '?') return { end: bogusCommentEnd(source, i + 1) };
  return undefined;
}

const REFERENCE_RE = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

function decodeReference(ref: string): string | false {
  if (ref.startsWith('#')) {
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  }
  decodeNamed ??= (require('decode-named-character-reference') as typeof import('decode-named-character-reference')).decodeNamedCharacterReference;
  return decodeNamed(ref);
}

/** The text of an HTML source as a reader sees it. Linear in the source's length. */
export function projectHtml(source: string): Projection {
  let text = '';
  const offsets: number[] = [];
  /** Inside a `<textarea>`: where its content ends (a `<` before it is text). */
  let rcdataEnd = -1;
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '<' && i >= rcdataEnd) {
      const markup = markupAt(source, i);
      if (markup) {
        i = markup.end;
        if (markup.rcdataEnd !== undefined) rcdataEnd = markup.rcdataEnd;
        continue;
      }
    } else if (c === '&') {
      const m = REFERENCE_RE.exec(source.slice(i, i + 40));
      const decoded = m ? decodeReference(m[1] as string) : false;
      if (m && decoded !== false) {
        for (let k = 0; k < decoded.length; k++) offsets.push(i);
        text += decoded;
        i += m[0].length;
        continue;
      }
    }
    text += c;
    offsets.push(i);
    i++;
  }
  return { text, offsets };
}

/** First index of `offsets` whose value is at least `offset` (offsets are increasing). */
function indexAt(offsets: readonly number[], offset: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far ahead a character that does not match at once is looked for (text the reader dropped, e.g. a footnote mark). */
const LOOKAHEAD = 64;

/**
 * Appends a text node's value, which the reader took from `source[start, end)`, to a run, each character
 * at its exact source offset.
 */
export function appendHtmlText(run: TextRun, value: string, projection: Projection, start: number, end: number): void {
  const { text, offsets } = projection;
  let k = indexAt(offsets, start);
  const stop = Math.max(k, indexAt(offsets, end));
  const last = (): number => (offsets[Math.min(Math.max(k, 0), Math.max(stop - 1, 0))] ?? start);
  const chars: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (isSpace(c)) {
      // One collapsed space stands for the whole run of white space in the source.
      if (k < stop && isSpace(text[k])) {
        chars.push(offsets[k] as number);
        while (k < stop && isSpace(text[k])) k++;
      } else {
        chars.push(last());
      }
      continue;
    }
    while (k < stop && isSpace(text[k])) k++;
    if (k < stop && text[k] === c) {
      chars.push(offsets[k] as number);
      k++;
      continue;
    }
    let found = -1;
    for (let j = k + 1; j < Math.min(stop, k + LOOKAHEAD); j++) {
      if (text[j] === c) {
        found = j;
        break;
      }
    }
    if (found >= 0) {
      k = found;
      chars.push(offsets[k] as number);
      k++;
    } else {
      chars.push(last());
    }
  }
  run.appendMapped(value, chars);
}
