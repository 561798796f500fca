import type { Position } from './types.js';

/**
 * How deeply a document may nest block quotes and list items (Markdown) or elements (HTML). Deeper
 * documents are refused, before they are parsed, with a `DocumentLimitError`: remark's time grows with the
 * square of the nesting on a line, and the HTML tree converters recurse (10,000 levels overflow the stack).
 * No plan nests anywhere near this deep; markdown-it's `maxNesting` default is the same 100.
 */
export const MAX_NESTING = 100;

/**
 * The largest document planlint lints, in characters (20 MB of ASCII text). Linting takes about 2 µs and
 * up to 190 bytes of memory per character (a document with a finding every few words), so a larger one
 * could exhaust Node's heap and end the whole run; it is refused as that file's error instead.
 */
export const MAX_DOCUMENT_CHARS = 20 * 1024 * 1024;

/**
 * A document that passes one of planlint's documented limits: it is that file's error (exit 2, the other
 * files are still linted), with a one-line reason such as "nesting deeper than 100 levels (line 3); not linted".
 */
export class DocumentLimitError extends Error {
  override name = 'DocumentLimitError';
}

/**
 * Offsets → 1-based line/column. A line ends at `\n`, `\r\n` or a lone `\r`, as in CommonMark, so CRLF
 * and CR files give the same lines as LF files.
 */
export function createPositionIndex(source: string): (offset: number) => Position {
  const starts: number[] = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return (offset: number): Position => {
    const o = Math.max(0, Math.min(offset, source.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (starts[lo] as number) + 1, offset: o };
  };
}

/**
 * A piece of plain text taken from the source, with the source offset of every character, so that a
 * match in the plain text maps back to an exact range in the document.
 *
 * The offsets are kept as segments, not one number per character: a segment is a stretch of characters
 * whose offsets run on by one (text copied as written) or stay the same (a separator standing for one
 * place). Most of a plan is copied as written, so a paragraph is a handful of segments, and the document's
 * runs and their slices cost memory by the piece, not by the character.
 */
export class TextRun {
  text = '';
  /** Per segment: where it starts in `text`, its first character's source offset, and its step (1 or 0). */
  private readonly at: number[] = [];
  private readonly source: number[] = [];
  private readonly step: number[] = [];
  /** Characters whose offsets are recorded (`text.length` once an append is done). */
  private count = 0;

  /** Records `n` characters from source offset `from`, each one on (`step` 1) or all at it (`step` 0). */
  private push(from: number, n: number, step: number): void {
    if (n <= 0) return;
    const k = this.at.length - 1;
    if (k >= 0) {
      const length = this.count - (this.at[k] as number);
      const first = this.source[k] as number;
      const last = first + (this.step[k] as number) * (length - 1);
      // A one-character segment takes the step of what follows it, if that continues it.
      if (length === 1 && (step === 1 || n === 1) && from === last + 1) this.step[k] = 1;
      else if (length === 1 && (step === 0 || n === 1) && from === last) this.step[k] = 0;
      const s = this.step[k] as number;
      if (from === last + s && (n === 1 || step === s)) {
        this.count += n;
        return;
      }
    }
    this.at.push(this.count);
    this.source.push(from);
    this.step.push(n === 1 ? 1 : step);
    this.count += n;
  }

  /** Appends text whose characters stand, one for one, at `sourceStart` onward. */
  appendVerbatim(text: string, sourceStart: number): void {
    this.push(sourceStart, text.length, 1);
    this.text += text;
  }

  /**
   * Appends text that came from `source[sourceStart, sourceEnd)` but may differ from it (escapes, entities,
   * indentation removed from continuation lines): each character is aligned with the next matching source
   * character, or with the last aligned one when none matches.
   */
  appendAligned(text: string, source: string, sourceStart: number, sourceEnd: number): void {
    if (source.slice(sourceStart, sourceEnd) === text) {
      this.appendVerbatim(text, sourceStart);
      return;
    }
    let s = sourceStart;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      let k = s;
      // Look a short way ahead for the character; escapes and indentation are short.
      const limit = Math.min(sourceEnd, s + 16);
      while (k < limit && source[k] !== ch) k++;
      if (k < limit) {
        this.push(k, 1, 1);
        s = k + 1;
      } else {
        this.push(Math.min(s, Math.max(sourceStart, sourceEnd - 1)), 1, 1);
      }
    }
    this.text += text;
  }

  /** Appends text whose characters stand at the given source offsets, one for each. */
  appendMapped(text: string, sourceOffsets: readonly number[]): void {
    for (let i = 0; i < text.length; i++) this.push(sourceOffsets[i] ?? sourceOffsets[sourceOffsets.length - 1] ?? 0, 1, 1);
    this.text += text;
  }

  /** Appends a separator that stands for no source character (mapped to `sourceAt`). */
  appendGap(text: string, sourceAt: number): void {
    this.push(sourceAt, text.length, 0);
    this.text += text;
  }

  get length(): number {
    return this.text.length;
  }

  /** Source offset of the character at `i`; `i === length` maps just past the last character. */
  sourceOffset(i: number): number {
    if (this.count === 0) return 0;
    if (i >= this.count) return this.offsetAt(this.count - 1) + 1;
    return this.offsetAt(Math.max(0, i));
  }

  /** The source offset of every character, in order. */
  allOffsets(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.offsetAt(i));
    return out;
  }

  /** The offset of character `i` (0 ≤ i < count). */
  private offsetAt(i: number): number {
    const k = this.segmentOf(i);
    return (this.source[k] as number) + (this.step[k] as number) * (i - (this.at[k] as number));
  }

  /** The segment holding character `i`. */
  private segmentOf(i: number): number {
    let lo = 0;
    let hi = this.at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.at[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A sub-run [start, end). */
  slice(start: number, end: number): TextRun {
    const run = new TextRun();
    run.text = this.text.slice(start, end);
    const to = Math.min(end, this.count);
    let i = Math.max(0, start);
    if (i >= to) return run;
    for (let k = this.segmentOf(i); i < to; k++) {
      const segEnd = Math.min(to, k + 1 < this.at.length ? (this.at[k + 1] as number) : this.count);
      const step = this.step[k] as number;
      run.push((this.source[k] as number) + step * (i - (this.at[k] as number)), segEnd - i, step);
      i = segEnd;
    }
    return run;
  }
}
