/**
 * Plain text → blocks. Paragraphs are separated by blank lines; enumerated lines (`1.`, `1)`, `1°)`, `a)`,
 * `-`, `*`, `•`) are list items, and the unmarked lines after one continue it. Headings are recognised the
 * way a reader does: an underlined line (`===`, `---`), a line in capitals, a short line ending with a colon
 * before a list, or a short unpunctuated line standing alone.
 */
import { TextRun } from '../source.js';
import type { Block } from './blocks.js';

const ITEM_RE = /^([ \t]*)(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})(?:[.)]|°\))|[-*•‣◦▪])[ \t]+(?=\S)/;
const UNDERLINE_RE = /^[ \t]*(?:={3,}|-{3,})[ \t]*$/;

interface Line {
  text: string;
  start: number;
}

export function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= source.length; i++) {
    const c = source.charCodeAt(i);
    if (i === source.length || c === 10 || c === 13) {
      lines.push({ text: source.slice(start, i), start });
      if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return lines;
}

/**
 * HTML comments hold directives and markers: blank them out, keeping every offset and line break. What
 * `source.replace(/<!--[\s\S]*?-->/g, …)` did, in linear time: that regex scanned to the end of the source
 * from every `<!--` that no `-->` follows; once none follows one comment, none follows any later one.
 */
export function blankComments(source: string): string {
  let out = '';
  let from = 0;
  for (let at = source.indexOf('<!--'); at >= 0; at = source.indexOf('<!--', from)) {
    const close = source.indexOf('-->', at + 4);
    if (close < 0) break;
    out += source.slice(from, at) + source.slice(at, close + 3).replace(/[^\r\n]/g, ' ');
    from = close + 3;
  }
  return out + source.slice(from);
}

function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.trim() === '';
}

function headingDepth(lines: Line[], i: number): number {
  const line = lines[i] as Line;
  const text = line.text.trim();
  if (text.length === 0 || text.length > 80 || ITEM_RE.test(line.text)) return 0;
  const next = lines[i + 1];
  if (next && UNDERLINE_RE.test(next.text)) return next.text.includes('=') ? 1 : 2;
  if (!isBlank(lines[i - 1]) && i > 0) return 0;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 1;
  const nextText = nextNonBlank(lines, i + 1);
  if (text.endsWith(':') && nextText !== undefined && ITEM_RE.test(nextText.text)) return 2;
  if (isBlank(next) && !/[.!?;,:]$/.test(text) && text.split(/\s+/).length <= 8) return i === 0 ? 1 : 2;
  return 0;
}

function nextNonBlank(lines: Line[], i: number): Line | undefined {
  for (let k = i; k < lines.length; k++) if (!isBlank(lines[k])) return lines[k];
  return undefined;
}

export function parseText(original: string): Block[] {
  const source = blankComments(original);
  const lines = splitLines(source);
  const blocks: Block[] = [];
  let current: Block | undefined;
  const flush = (): void => {
    if (current && current.run.text.trim() !== '') blocks.push(current);
    current = undefined;
  };
  const appendLine = (run: TextRun, line: Line, from: number): void => {
    const body = line.text.slice(from).trimEnd(); // not .replace(/\s+$/, ''): the same white space, without its quadratic backtracking
    const lead = body.length - body.trimStart().length;
    if (run.length > 0) run.appendGap(' ', line.start + from + lead);
    run.appendVerbatim(body.trimStart(), line.start + from + lead);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (isBlank(line)) {
      flush();
      continue;
    }
    if (UNDERLINE_RE.test(line.text) && blocks.length > 0 && current === undefined) continue;
    const depth = headingDepth(lines, i);
    if (depth > 0) {
      flush();
      const run = new TextRun();
      appendLine(run, line, 0);
      run.text = run.text.replace(/:$/, ' ');
      blocks.push({ kind: 'heading', depth, run });
      continue;
    }
    const item = ITEM_RE.exec(line.text);
    if (item) {
      flush();
      const indent = (item[1] ?? '').replace(/\t/g, '    ').length;
      const ordered = !/[-*•‣◦▪][ \t]+$/.test(item[0]);
      current = { kind: 'list-item', depth: Math.floor(indent / 2) + 1, ordered, run: new TextRun() };
      appendLine(current.run, line, item[0].length);
      continue;
    }
    if (!current) current = { kind: 'paragraph', depth: 0, run: new TextRun() };
    appendLine(current.run, line, 0);
  }
  flush();
  return blocks;
}
