/**
 * Maps the text an HTML reader produces back to exact offsets in the HTML source. The source is first
 * projected to the text a reader sees — tags, comments, scripts and styles dropped, character references
 * decoded — each character keeping its source offset; then a text node's characters are matched against
 * that projection, where any run of white space answers for one collapsed space. This stays exact across
 * `<span>`s, comments, entities and line breaks that a plain character search would misalign.
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

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** Where a tag that starts at `i` ends (just past its `>`), quotes in attributes respected. */
function tagEnd(source: string, i: number): number {
  let quote = '';
  for (let k = i + 1; k < source.length; k++) {
    const c = source[k];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return k + 1;
    }
  }
  return source.length;
}

const RAW_TEXT_RE = /^<(script|style|textarea|title|template|noscript)[\s>/]/i;
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
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '<') {
      if (source.startsWith('<!--', i)) {
        const close = source.indexOf('-->', i + 4);
        i = close < 0 ? source.length : close + 3;
        continue;
      }
      const next = source[i + 1];
      if (next !== undefined && /[A-Za-z/!?]/.test(next)) {
        const raw = RAW_TEXT_RE.exec(source.slice(i, i + 12));
        i = tagEnd(source, i);
        if (raw) {
          // Raw text elements end at their closing tag only.
          const close = source.toLowerCase().indexOf(`</${(raw[1] as string).toLowerCase()}`, i);
          i = close < 0 ? source.length : tagEnd(source, close);
        }
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
