/**
 * A fast reader for the plain Markdown most plans are written in: ATX headings, paragraphs, bullet and
 * numbered lists (nested), GFM pipe tables, and inline emphasis, code spans, links and escapes.
 *
 * It builds the few mdast nodes `blocksFromMdast` reads (text with offsets, inline code, paragraphs,
 * headings, lists, tables) in one pass over the lines, about ten times faster than micromark, which reads
 * every character through a state machine and builds events, tokens and a full tree. It is not a second
 * Markdown parser: it gives up (returns undefined) on anything outside that subset, or anything whose
 * reading in CommonMark depends on rules it does not model — block quotes, code blocks, HTML, setext
 * headings, thematic breaks, definitions, footnotes, task items, autolinks, entities, images, hard breaks,
 * tabs, uneven list indentation, tables that do not follow a blank line — and the document is then read by
 * remark as before. Where it does not give up, tests require blocks identical to remark's, text and
 * source offsets included, over generated documents, the fixtures and the bench corpus.
 *
 * Emphasis follows micromark's attention resolver (micromark 4): flanking from the characters around a
 * run (Unicode white space and punctuation, UTF-16 units), the rule of three, and matching each closer
 * with the nearest opener of the same marker.
 */
import type { Root } from 'mdast';

/** Offsets-only stand-ins for the mdast nodes the block walk reads (it never reads lines or columns). */
interface At {
  start: { offset: number };
  end: { offset: number };
}
interface TextNode {
  type: 'text';
  value: string;
  position: At;
}
interface CodeNode {
  type: 'inlineCode';
  value: string;
  position: At;
}
type InlineNode = TextNode | CodeNode;
interface ParagraphNode {
  type: 'paragraph';
  children: InlineNode[];
  position: At;
}
interface HeadingNode {
  type: 'heading';
  depth: number;
  children: InlineNode[];
}
interface ListNode {
  type: 'list';
  ordered: boolean;
  children: ItemNode[];
}
interface ItemNode {
  type: 'listItem';
  children: FlowNode[];
}
interface CellNode {
  type: 'tableCell';
  children: InlineNode[];
  position: At;
}
interface TableNode {
  type: 'table';
  children: Array<{ type: 'tableRow'; children: CellNode[] }>;
}
interface QuoteNode {
  type: 'blockquote';
  children: FlowNode[];
}
type FlowNode = ParagraphNode | HeadingNode | ListNode | TableNode | QuoteNode;

const at = (start: number, end: number): At => ({ start: { offset: start }, end: { offset: end } });

/** Thrown inside the reader when the document leaves the subset; caught at the top. */
class Unsupported extends Error {}
const unsupported = (why = ''): never => {
  throw new Unsupported(why);
};

/** Characters that, anywhere in the document, mean it is left to remark. */
const DOCUMENT_REFUSED_RE = /[\t\0\uFEFF<]|\r(?!\n)|\[\^|&(?:#\d|#[xX][\da-fA-F]|[A-Za-z][A-Za-z\d]{0,30};)|!\[|\\$|\\\n/m;
/** Line starts that open constructs the reader leaves to remark. */
const LINE_REFUSED_RE = /^(?:`{3}|~{3}|\[[^\]]*\]:|#{7}|#(?![# ]|$)|[-+*] +\[[ xX]\]|(?:[-*_] *){3,}$|=+ *$|-+ *$)/;
const MARKER_RE = /^(?:([-+*])|(\d{1,9})([.)]))( *)/;
const DELIMITER_ROW_RE = /^\|(?: *:?-+:? *\|)+$/;

interface OpenItem {
  contentCol: number;
  /** `-`, `+` or `*` for bullets; `.` or `)` for numbers. */
  marker: string;
  list: ListNode;
  item: ItemNode;
}

interface OpenParagraph {
  node: ParagraphNode;
  /** Source ranges of its lines' content (leading spaces of continuation lines left out). */
  lines: Array<[number, number]>;
  /** Where it was put. */
  container: FlowNode[];
}

/**
 * The document as a (partial) mdast tree, or undefined when it uses anything the reader leaves to remark.
 * `gfm`: whether remark would read it with GFM (tables, strikethrough, autolink literals).
 */
export function fastMarkdownTree(source: string, gfm: boolean): Root | undefined {
  const result = fastMarkdownRead(source, gfm);
  return typeof result === 'string' ? undefined : result;
}

/** The tree, or why the document is left to remark (tests and tuning). */
export function fastMarkdownRead(source: string, gfm: boolean): Root | string {
  const refused = DOCUMENT_REFUSED_RE.exec(source);
  if (refused) return `document: ${JSON.stringify(refused[0])}`;
  try {
    return read(source, gfm);
  } catch (error) {
    if (error instanceof Unsupported) return error.message || 'unsupported';
    throw error;
  }
}

function read(source: string, gfm: boolean): Root {
  const root: FlowNode[] = [];
  const stack: OpenItem[] = [];
  let para: OpenParagraph | undefined;
  let table: { node: TableNode; cells: number } | undefined;
  let afterBlankOrHeading = true; // nothing before, or a blank line, or a heading: a table may start here
  let quote: QuoteNode | undefined; // the open top-level block quote

  const closeParagraph = (): void => {
    if (para) para.node.children = inline(source, para.lines, gfm);
    para = undefined;
  };
  const container = (depth: number): FlowNode[] => (depth === 0 ? root : (stack[depth - 1] as OpenItem).item.children);
  const openParagraph = (depth: number, start: number, end: number): void => {
    const node: ParagraphNode = { type: 'paragraph', children: [], position: at(start, end) };
    const into = container(depth);
    into.push(node);
    para = { node, lines: [[start, end]], container: into };
  };

  let lineStart = 0;
  while (lineStart <= source.length) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = source.length;
    const next = lineEnd + 1;
    if (source.charCodeAt(lineEnd - 1) === 13) lineEnd--; // CRLF
    let indent = 0;
    while (source.charCodeAt(lineStart + indent) === 32) indent++;
    const contentStart = lineStart + indent;
    if (contentStart >= lineEnd) {
      // A blank line: it ends a paragraph and a table; list items stay open.
      closeParagraph();
      table = undefined;
      quote = undefined;
      afterBlankOrHeading = true;
      lineStart = next;
      continue;
    }
    if (source.charCodeAt(lineEnd - 1) === 32) unsupported('trailing space'); // trailing spaces: hard breaks and stripping
    const rest = source.slice(contentStart, lineEnd);

    if (table) {
      if (indent !== 0 || rest.charCodeAt(0) !== 124) unsupported('table: row without pipe');
      table.node.children.push({ type: 'tableRow', children: cells(source, contentStart, lineEnd, table.cells, gfm) });
      lineStart = next;
      continue;
    }

    if (rest.charCodeAt(0) === 62 /* > */) {
      // A block quote of paragraphs, at the top level.
      if (indent !== 0) unsupported('quote indentation');
      const innerStart = contentStart + (rest.charCodeAt(1) === 32 ? 2 : 1);
      const inner = source.slice(innerStart, lineEnd);
      if (/^(?:[ >#|`~<=*_+-]|\d{1,9}[.)])/.test(inner)) unsupported('quote content');
      if (!quote) {
        closeParagraph();
        stack.length = 0;
        quote = { type: 'blockquote', children: [] };
        root.push(quote);
      }
      if (inner === '') closeParagraph();
      else if (para && para.container === quote.children) para.lines.push([innerStart, lineEnd]);
      else {
        closeParagraph();
        const node: ParagraphNode = { type: 'paragraph', children: [], position: at(innerStart, lineEnd) };
        quote.children.push(node);
        para = { node, lines: [[innerStart, lineEnd]], container: quote.children };
      }
      afterBlankOrHeading = false;
      lineStart = next;
      continue;
    }
    const lazyQuote = quote;
    quote = undefined;

    let matched = 0;
    while (matched < stack.length && indent >= (stack[matched] as OpenItem).contentCol) matched++;
    const base = matched > 0 ? (stack[matched - 1] as OpenItem).contentCol : 0;
    const relative = indent - base;

    if (relative >= 4) {
      // Not a block start; the continuation of an open paragraph (possibly lazy), or indented code.
      if (!para) unsupported('indented code');
      (para as OpenParagraph).lines.push([contentStart, lineEnd]);
      quote = lazyQuote;
      lineStart = next;
      continue;
    }
    if (LINE_REFUSED_RE.test(rest)) unsupported('refused line start');

    const c = rest.charCodeAt(0);
    if (c === 35 /* # */) {
      // `#` to `######`, spaces, the title (a closing sequence of `#` is left to remark).
      let depth = 0;
      while (rest.charCodeAt(depth) === 35) depth++;
      let start = depth;
      while (rest.charCodeAt(start) === 32) start++;
      if (depth > 6 || start === depth || indent !== 0 || rest.endsWith('#')) unsupported('heading form');
      closeParagraph();
      stack.length = 0;
      root.push({ type: 'heading', depth, children: inline(source, [[contentStart + start, lineEnd]], gfm) });
      afterBlankOrHeading = true;
      lineStart = next;
      continue;
    }

    if (c === 124 /* | */) {
      if (!gfm || indent !== 0 || stack.length > 0 || para || !afterBlankOrHeading) unsupported('table position');
      let delimEnd = source.indexOf('\n', next);
      if (delimEnd < 0) delimEnd = source.length;
      const delimiter = source.slice(next, source.charCodeAt(delimEnd - 1) === 13 ? delimEnd - 1 : delimEnd);
      if (!DELIMITER_ROW_RE.test(delimiter)) unsupported('table delimiter');
      const count = delimiter.split('|').length - 2;
      const node: TableNode = { type: 'table', children: [{ type: 'tableRow', children: cells(source, contentStart, lineEnd, count, gfm) }] };
      root.push(node);
      table = { node, cells: count };
      afterBlankOrHeading = false;
      lineStart = delimEnd + 1;
      continue;
    }

    const marker = MARKER_RE.exec(rest);
    if (marker && marker[0] === rest) unsupported('empty item'); // an empty item
    if (marker && (marker[4] as string).length > 0) {
      const [whole, bullet, digits, delimiter, spaces] = marker as unknown as [string, string | undefined, string | undefined, string | undefined, string];
      if (spaces.length > 4 || relative !== 0) unsupported('item indentation');
      const content = rest.slice(whole.length);
      // An item that opens with another block (a heading, a quote, a table, a nested marker…) is left to remark.
      if (/^[#>|]/.test(content) || LINE_REFUSED_RE.test(content) || /^(?:[-+*]|\d{1,9}[.)])(?: |$)/.test(content)) unsupported('item content');
      const ordered = bullet === undefined;
      const kind = ordered ? (delimiter as string) : bullet;
      const sibling = stack[matched];
      const interrupting = para !== undefined;
      closeParagraph();
      let list: ListNode;
      if (sibling && sibling.marker === kind) {
        list = sibling.list;
      } else {
        // A new list; one that interrupts a paragraph must start at 1 when numbered (otherwise the line
        // continues the paragraph): left to remark.
        if (interrupting && ordered && digits !== '1') unsupported('numbered list interrupting');
        list = { type: 'list', ordered, children: [] };
        container(matched).push(list);
      }
      stack.length = matched;
      const item: ItemNode = { type: 'listItem', children: [] };
      list.children.push(item);
      stack.push({ contentCol: indent + whole.length, marker: kind as string, list, item });
      const start = contentStart + whole.length;
      openParagraph(stack.length, start, lineEnd);
      afterBlankOrHeading = false;
      lineStart = next;
      continue;
    }

    // Paragraph text.
    if (gfm && rest.includes('|')) unsupported('pipe in paragraph'); // a table without outer pipes, or a cell-like line
    if (para) {
      para.lines.push([contentStart, lineEnd]);
      quote = lazyQuote; // a lazy line keeps a quote's paragraph open
    } else {
      stack.length = matched;
      openParagraph(matched, contentStart, lineEnd);
    }
    afterBlankOrHeading = false;
    lineStart = next;
  }
  closeParagraph();
  return { type: 'root', children: root } as unknown as Root;
}

/** A table row's cells (`|`-separated, trimmed); a row with another count of cells is left to remark. */
function cells(source: string, start: number, end: number, count: number, gfm: boolean): CellNode[] {
  if (source.charCodeAt(end - 1) !== 124) unsupported('table row end');
  const row = source.slice(start, end);
  if (row.includes('\\') || row.includes('`')) unsupported('table row escape/code');
  const out: CellNode[] = [];
  let from = start + 1;
  for (let i = start + 1; i < end; i++) {
    if (source.charCodeAt(i) !== 124) continue;
    let a = from;
    let b = i;
    while (a < b && source.charCodeAt(a) === 32) a++;
    while (b > a && source.charCodeAt(b - 1) === 32) b--;
    out.push({ type: 'tableCell', children: a < b ? inline(source, [[a, b]], gfm) : [], position: at(from - 1, i + 1) });
    from = i + 1;
  }
  if (out.length !== count) unsupported('table cell count');
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Inline content.

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const UNICODE_WHITESPACE = /\s/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;

/** micromark's character groups: 1 white space (or nothing), 2 punctuation, 0 anything else. */
function group(ch: string | undefined): number {
  if (ch === undefined || UNICODE_WHITESPACE.test(ch)) return 1;
  return UNICODE_PUNCTUATION.test(ch) ? 2 : 0;
}

const enum Kind {
  Text,
  Escape, // a backslash whose next character is kept
  Code,
  Delimiter,
  Removed, // link syntax
}

interface Run {
  /** Index in the content of the run's first `*` or `_`. */
  from: number;
  to: number;
  open: boolean;
  close: boolean;
  /** Markers taken from its start (as a closer) and from its end (as an opener). */
  usedStart: number;
  usedEnd: number;
}

/** Characters that start inline syntax the reader handles; text between them is taken whole. */
const INLINE_SYNTAX_RE = /[\\`[\]*_]/g;

/**
 * The inline nodes of content made of source ranges (one per line): text nodes split where mdast splits
 * them (at emphasis, code and link boundaries), escapes resolved, line endings kept.
 */
function inline(source: string, lines: Array<[number, number]>, gfm: boolean): InlineNode[] {
  // The content: the lines joined with their line endings; `starts[k]` is where line k begins in it.
  const first = lines[0] as [number, number];
  let content = source.slice(first[0], first[1]);
  const starts = [0];
  for (let k = 1; k < lines.length; k++) {
    const [a, b] = lines[k] as [number, number];
    const previousEnd = (lines[k - 1] as [number, number])[1];
    content += source.charCodeAt(previousEnd) === 13 ? '\r\n' : '\n';
    starts.push(content.length);
    content += source.slice(a, b);
  }
  /** The source offset of content index `i` (a line's ending follows its content in the source). */
  const offset = (i: number): number => {
    let k = starts.length - 1;
    while (k > 0 && (starts[k] as number) > i) k--;
    return (lines[k] as [number, number])[0] + (i - (starts[k] as number));
  };
  const n = content.length;
  if (gfm && content.includes('~')) unsupported('strikethrough');
  INLINE_SYNTAX_RE.lastIndex = 0;
  if (!INLINE_SYNTAX_RE.test(content)) {
    if (gfm) autolinkLiterals(content);
    return n === 0 ? [] : [{ type: 'text', value: content, position: at(offset(0), offset(n - 1) + 1) }];
  }

  const kind = new Uint8Array(n); // Kind per character
  const codeEnd = new Map<number, number>(); // code span start → end (exclusive)
  const runs: Run[] = [];
  /** Emphasis runs inside each link's label; and those outside links. */
  const scopes: Run[][] = [];
  const top: Run[] = [];
  let label: Run[] | undefined; // the scope of the link label being read
  let labelEnd = -1;
  let i = 0;
  while (i < n) {
    if (i !== labelEnd) {
      INLINE_SYNTAX_RE.lastIndex = i;
      const found = INLINE_SYNTAX_RE.exec(content);
      if (!found) break;
      i = found.index;
    }
    const ch = content[i] as string;
    if (i === labelEnd) {
      // `](destination)`
      const close = content.indexOf(')', i + 2);
      if (close < 0) unsupported('link no paren');
      const destination = content.slice(i + 2, close);
      if (/[\s()<>\\`]/.test(destination)) unsupported('link destination');
      kind.fill(Kind.Removed, i, close + 1);
      label = undefined;
      labelEnd = -1;
      i = close + 1;
      continue;
    }
    if (ch === '\\') {
      if (i + 1 < n && ASCII_PUNCTUATION.test(content[i + 1] as string)) {
        kind[i] = Kind.Escape;
        i += 2; // the escaped character stays text
      } else i++;
      continue;
    }
    if (ch === '`') {
      let j = i;
      while (content.charCodeAt(j) === 96) j++;
      const size = j - i;
      // The closing run: exactly as many backticks.
      let k = j;
      let end = -1;
      for (;;) {
        const found = content.indexOf('`', k);
        if (found < 0) break;
        let e = found;
        while (content.charCodeAt(e) === 96) e++;
        if (e - found === size) {
          end = e;
          break;
        }
        k = e;
      }
      if (end < 0) {
        i = j; // literal backticks
        continue;
      }
      // A code span across a link boundary is left to remark.
      if (labelEnd >= 0 && end > labelEnd) unsupported('code across link');
      kind.fill(Kind.Code, i, end);
      codeEnd.set(i, end);
      i = end;
      continue;
    }
    if (ch === '[') {
      if (label) unsupported('nested brackets');
      const close = findLabelEnd(content, i + 1);
      if (close >= 0 && content[close + 1] === '(') {
        kind[i] = Kind.Removed;
        label = [];
        scopes.push(label);
        labelEnd = close;
      } else if (close >= 0 && content[close + 1] === '[') {
        unsupported('reference link');
      }
      i++;
      continue;
    }
    if (ch === ']') {
      if (content[i + 1] === '(') unsupported('stray label end');
      i++;
      continue;
    }
    // `*` or `_`: a run of them.
    const code = ch.charCodeAt(0);
    let j = i;
    while (content.charCodeAt(j) === code) j++;
    const before = i > 0 ? content[i - 1] : undefined;
    const after = j < n ? content[j] : undefined;
    const g0 = group(before);
    const g1 = group(after);
    // (micromark also lets a neighbouring GFM `~` open or close a run; documents with `~` are refused.)
    const open = g1 === 0 || (g1 === 2 && g0 !== 0);
    const close = g0 === 0 || (g0 === 2 && g1 !== 0);
    const run: Run = {
      from: i,
      to: j,
      open: ch === '*' ? open : open && (g0 !== 0 || !close),
      close: ch === '*' ? close : close && (g1 !== 0 || !open),
      usedStart: 0,
      usedEnd: 0,
    };
    runs.push(run);
    (label ?? top).push(run);
    i = j;
  }
  if (label) unsupported('open label');
  if (runs.length > 500) unsupported('too many runs'); // matching is quadratic in the runs of one paragraph
  if (gfm) {
    let text = '';
    let from = 0;
    for (let k = 0; k <= n; k++) {
      if (k === n || kind[k] === Kind.Removed) {
        text += content.slice(from, k) + (k < n ? ' ' : '');
        from = k + 1;
      }
    }
    autolinkLiterals(text);
  }
  for (const scope of scopes) resolveEmphasis(content, scope);
  resolveEmphasis(content, top);
  // The markers emphasis used are syntax; the others stay text.
  for (const run of runs) {
    kind.fill(Kind.Delimiter, run.from, run.from + run.usedStart);
    kind.fill(Kind.Delimiter, run.to - run.usedEnd, run.to);
  }

  // Nodes: maximal stretches of text (escapes inside them), split at everything else.
  const nodes: InlineNode[] = [];
  let value = '';
  let nodeStart = -1; // content index where the current text node starts
  let sliceStart = 0; // content index from which `value` still has to be copied
  const flush = (end: number): void => {
    if (nodeStart >= 0) {
      value += content.slice(sliceStart, end);
      nodes.push({ type: 'text', value, position: at(offset(nodeStart), offset(end - 1) + 1) });
    }
    value = '';
    nodeStart = -1;
  };
  let k = 0;
  while (k < n) {
    const kk = kind[k] as Kind;
    if (kk === Kind.Text || kk === Kind.Escape) {
      if (nodeStart < 0) {
        nodeStart = k;
        sliceStart = k;
      }
      if (kk === Kind.Escape) {
        value += content.slice(sliceStart, k);
        sliceStart = k + 1;
      }
      k++;
      continue;
    }
    flush(k);
    const end = kk === Kind.Code ? (codeEnd.get(k) as number) : k + 1;
    if (kk === Kind.Code) nodes.push({ type: 'inlineCode', value: '', position: at(offset(k), offset(end - 1) + 1) });
    k = end;
  }
  flush(n);
  return nodes;
}

/**
 * GFM autolink literals (www.…, http://…, a@b.c) change how the markup around them is read (and remark
 * then places some text oddly): text holding one and any markup is left to remark. (Their own text is the
 * same as without them.)
 */
function autolinkLiterals(text: string): void {
  if ((text.includes('@') || text.includes('://') || /www\./i.test(text)) && /[*_`[\]\\]/.test(text)) unsupported('autolink literal');
}

/** The `]` that closes a label opened before `from`: the next unescaped one outside code, or -1. */
function findLabelEnd(content: string, from: number): number {
  for (let i = from; i < content.length; i++) {
    const ch = content[i];
    if (ch === '\\') i++;
    else if (ch === '[') return -1;
    else if (ch === ']') return i;
    else if (ch === '`') return -1; // code in a label: left as literal brackets would be wrong; let remark read it
  }
  return -1;
}

/** micromark's attention resolution over one scope's runs, in order. */
function resolveEmphasis(content: string, runs: Run[]): void {
  const size = (r: Run): number => r.to - r.from - r.usedStart - r.usedEnd;
  for (let c = 0; c < runs.length; c++) {
    const closer = runs[c] as Run;
    while (closer.close && size(closer) > 0) {
      let matched = false;
      for (let o = c - 1; o >= 0; o--) {
        const opener = runs[o] as Run;
        if (!opener.open || size(opener) === 0 || content[opener.from] !== content[closer.from]) continue;
        const a = size(opener);
        const b = size(closer);
        if ((opener.close || closer.open) && b % 3 !== 0 && (a + b) % 3 === 0) continue;
        const use = a > 1 && b > 1 ? 2 : 1;
        opener.usedEnd += use;
        closer.usedStart += use;
        // Runs between them can no longer match anything.
        for (let k = o + 1; k < c; k++) {
          const between = runs[k] as Run;
          between.open = false;
          between.close = false;
        }
        matched = true;
        break;
      }
      if (!matched) break;
    }
  }
}
