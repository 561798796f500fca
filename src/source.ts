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
 */
export class TextRun {
  text = '';
  readonly offsets: number[] = [];

  /** Appends text whose characters stand, one for one, at `sourceStart` onward. */
  appendVerbatim(text: string, sourceStart: number): void {
    for (let i = 0; i < text.length; i++) this.offsets.push(sourceStart + i);
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
        this.offsets.push(k);
        s = k + 1;
      } else {
        this.offsets.push(Math.min(s, Math.max(sourceStart, sourceEnd - 1)));
      }
    }
    this.text += text;
  }

  /** Appends text whose characters stand at the given source offsets, one for each. */
  appendMapped(text: string, sourceOffsets: readonly number[]): void {
    for (let i = 0; i < text.length; i++) this.offsets.push(sourceOffsets[i] ?? sourceOffsets[sourceOffsets.length - 1] ?? 0);
    this.text += text;
  }

  /** Appends a separator that stands for no source character (mapped to `sourceAt`). */
  appendGap(text: string, sourceAt: number): void {
    for (let i = 0; i < text.length; i++) this.offsets.push(sourceAt);
    this.text += text;
  }

  get length(): number {
    return this.text.length;
  }

  /** Source offset of the character at `i`; `i === length` maps just past the last character. */
  sourceOffset(i: number): number {
    if (this.offsets.length === 0) return 0;
    if (i >= this.offsets.length) return (this.offsets[this.offsets.length - 1] as number) + 1;
    return this.offsets[Math.max(0, i)] as number;
  }

  /** A sub-run [start, end). */
  slice(start: number, end: number): TextRun {
    const run = new TextRun();
    run.text = this.text.slice(start, end);
    for (let i = start; i < end; i++) run.offsets.push(this.offsets[i] as number);
    return run;
  }
}
