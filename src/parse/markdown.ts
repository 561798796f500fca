/**
 * Markdown → blocks, through unified + remark-parse (with GFM tables and task lists, and front matter).
 * Code, HTML (comments included), front matter, link URLs and images are never part of a block's text.
 */
import { createRequire } from 'node:module';
import type { Nodes, Parent, Root, RootContent, List, ListItem, Table } from 'mdast';
import { DocumentLimitError, MAX_NESTING, TextRun } from '../source.js';
import type { Block } from './blocks.js';
import { fastMarkdownTree } from './markdown-fast.js';

// The parsers are loaded on first use (require of ES modules, Node ≥ 20.19): a plain-text plan never loads
// them, and GFM (about 25 ms to load) is only loaded for a document that uses its syntax.
const require = createRequire(import.meta.url);

interface Parser {
  parse(source: string): unknown;
}
const processors = new Map<string, Parser>();

function processorFor(gfm: boolean, frontmatter: boolean): Parser {
  const key = `${gfm}:${frontmatter}`;
  let p = processors.get(key);
  if (!p) {
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    let chain = unified().use(remarkParse);
    if (gfm) chain = chain.use((require('remark-gfm') as typeof import('remark-gfm')).default) as unknown as typeof chain;
    if (frontmatter) {
      const remarkFrontmatter = (require('remark-frontmatter') as typeof import('remark-frontmatter')).default;
      chain = chain.use(remarkFrontmatter, ['yaml', 'toml']) as unknown as typeof chain;
    }
    p = chain;
    processors.set(key, p);
  }
  return p;
}

/** GFM syntax that changes the tree: tables, task lists, strikethrough, footnotes. */
const GFM_RE = /^[ \t>]*\|.*\||^[ \t>]*[-*+][ \t]+\[[ xX]\]|~~|\[\^/m;
/** Front matter opens the document. */
const FRONTMATTER_RE = /^\uFEFF?(?:---|\+\+\+)[ \t]*(?:\r?\n|\r)/;

/**
 * Markdown → blocks: by the fast reader when the document keeps to what it reads (see markdown-fast.ts),
 * otherwise by remark.
 */
export function parseMarkdown(source: string): Block[] {
  checkNesting(source);
  const gfm = usesGfm(source);
  const frontmatter = FRONTMATTER_RE.test(source);
  const tree = frontmatter ? undefined : fastMarkdownTree(source, gfm);
  return tree ? blocksFromMdast(tree, source) : remarkBlocks(source, gfm, frontmatter, CHUNK_CHARS);
}

/** Markdown → blocks through remark. `pieceChars` (tests only) sets the size of the pieces a large document is parsed in. */
export function parseMarkdownWithRemark(source: string, pieceChars = CHUNK_CHARS): Block[] {
  checkNesting(source);
  return remarkBlocks(source, usesGfm(source), FRONTMATTER_RE.test(source), pieceChars);
}

/** Whether a document uses GFM syntax (remark then reads it with remark-gfm). */
export function usesGfm(source: string): boolean {
  return GFM_RE.test(source);
}

function remarkBlocks(source: string, gfm: boolean, frontmatter: boolean, pieceChars: number): Block[] {
  const blocks: Block[] = [];
  for (const tree of parseChunks(source, gfm, frontmatter, pieceChars)) {
    for (const block of blocksFromMdast(tree, source)) blocks.push(block);
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------------
// Large documents: parsed in independent pieces.
//
// micromark's time grows with the square of a document's size on common shapes: every block quote or list
// that a paragraph closes copies all the events of the document so far (`EditMap.consume` on the document's
// events, micromark 4.0), so 1 MB of "a list, then a paragraph" sections took 190 s and 20 MB would never
// finish, and a 5 MB table took 2.8 GB of memory (20 MB of one ran out of memory). A document is therefore
// parsed in pieces of about CHUNK_CHARS, each cut just before a line that nothing before it can hold:
// - a line that begins at column 0 after a blank line (a list item needs indentation, a block quote a `>`,
//   and the blank line ended any paragraph);
// - a line that begins at column 0 with a bullet (`-`, `+`, `*`) or `1.`/`1)` and text: such an item ends
//   a paragraph (no laziness) and every list item before it; so does `N.` after items numbered `M.`;
// - a row of a GFM table, parsed after a copy of the table's header and delimiter rows (row 0, never judged).
// A top-level fenced code block, HTML block (comments, `<pre>`, `<script>`…) or front matter can hold any
// line, so the scan follows them; a piece that still ends in code or HTML (an HTML block such as `<div>`
// runs to a blank line), or in anything but the table before a cut in a table, is parsed again with the
// next piece. Link reference and footnote definitions (`[ref]: url`) are copied after every piece, so that
// references resolve as in one parse; past MAX_DEFINITION_CHARS of them they are not, and a reference to a
// definition in another piece reads as its literal text (`[text][ref]`).

/** Characters per piece (a document this size or smaller is parsed whole). */
export const CHUNK_CHARS = 16 * 1024;
/** Definitions copied after every piece, at most (pieces then hold at least as much of the document). */
export const MAX_DEFINITION_CHARS = 64 * 1024;

/** A link reference or footnote definition's first line. */
const DEFINITION_RE = /^ {0,3}\[(?:[^\\[\]]|\\.){1,999}\]:/;
const FENCE_OPEN_RE = /^ {0,3}(`{3,}(?=[^`\r\n]*$)|~{3,})/;
const HTML_BLOCK_RE = /^ {0,3}<(?:(script|pre|style|textarea)(?:[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))/i;
const HTML_BLOCK_END = ['', '-->', '?>', ']]>', '>'];
/** An item at column 0 with text: a bullet, or a number and its delimiter. */
const ITEM_START_RE = /^(?:[-+*]|(\d{1,9})([.)]))[ \t]+\S/;
/** An ATX heading or a thematic break: a line that leaves no paragraph open. */
const ATX_OR_BREAK_RE = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$)/;
/** A GFM table's delimiter row (`|---|:--:|`): only these characters, at least one `|` and one `-`. */
const TABLE_DELIMITER_RE = /^ {0,3}[|:-][|: \t-]*$/;

interface Cut {
  at: number;
  /** For a cut inside a table: its header and delimiter rows, parsed before the piece. */
  prefix?: string;
}

/**
 * Where a document may be cut into pieces that parse as they would whole (line starts, at least `size`
 * apart), and its definitions' lines.
 */
function cutPoints(source: string, gfm: boolean, frontmatter: boolean, size: number): { cuts: Cut[]; definitions: string[] } {
  const cuts: Cut[] = [];
  const definitions: string[] = [];
  let fence: RegExp | undefined; // the closing fence of an open top-level fenced block (or front matter)
  let htmlEnd: string | RegExp | undefined; // what ends an open top-level HTML block
  let prevBlank = false;
  let prevLine = '';
  let orderedDelimiter: string | undefined; // of the top-level numbered list the last column-0 line was an item of
  let table: string | undefined; // header and delimiter rows of the table the previous line was a row of
  let takeNext = false;
  let noParagraph = false; // the previous line left no paragraph open (a heading, a definition, a closed block…)
  let start = 0;
  let last = 0;
  if (frontmatter) fence = source.charCodeAt(source.charCodeAt(0) === 0xfeff ? 1 : 0) === 0x2d ? /^---[ \t]*$/ : /^\+\+\+[ \t]*$/;
  let first = true;
  while (start < source.length) {
    let end = start;
    while (end < source.length && source.charCodeAt(end) !== 10 && source.charCodeAt(end) !== 13) end++;
    const line = source.slice(start, end);
    const blank = line.trim() === '';
    if (fence) {
      if (!first && fence.test(line)) fence = undefined;
      noParagraph = fence === undefined;
    } else if (htmlEnd) {
      if (typeof htmlEnd === 'string' ? line.includes(htmlEnd) : htmlEnd.test(line)) htmlEnd = undefined;
      noParagraph = htmlEnd === undefined;
    } else {
      const c = source.charCodeAt(start);
      const destination: boolean = takeNext; // this line holds the destination of the previous line's `[ref]:`
      takeNext = false;
      // A definition cannot interrupt a paragraph: only one where no paragraph is open counts.
      const definition: RegExpExecArray | null = !destination && (first || prevBlank || noParagraph) ? DEFINITION_RE.exec(line) : null;
      if (destination) definitions.push(line);
      if (definition) {
        definitions.push(line);
        takeNext = line.slice(definition[0].length).trim() === '';
      }
      const trimmed = line.trim();
      noParagraph = destination || definition !== null || ATX_OR_BREAK_RE.test(line) || (trimmed.startsWith('<!--') && trimmed.endsWith('-->'));      const flush = !blank && c !== 32 && c !== 9;
      const item = flush ? ITEM_START_RE.exec(line) : null;
      const row = table !== undefined && /^ {0,3}\|/.test(line);
      const cuttable = (flush && prevBlank) || (item !== null && (item[1] === undefined || item[1] === '1' || item[2] === orderedDelimiter)) || row;
      if (cuttable && start - last >= size) {
        cuts.push(row && !(flush && prevBlank) && item === null ? { at: start, prefix: table } : { at: start });
        last = start;
      }
      // A numbered line starts or continues a list only after a blank line, as `1.`, or after an item with its
      // delimiter; otherwise it continues a paragraph (and the next one cannot be cut before).
      if (flush) orderedDelimiter = item?.[2] !== undefined && (prevBlank || item[1] === '1' || item[2] === orderedDelimiter) ? item[2] : undefined;
      if (!row) table = undefined;
      if (gfm && table === undefined && !blank && TABLE_DELIMITER_RE.test(line) && line.includes('|') && line.includes('-') && prevLine.includes('|')) {
        table = prevLine + '\n' + line + '\n';
      }
      const open = FENCE_OPEN_RE.exec(line);
      if (open) {
        const marker = open[1] as string;
        fence = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      } else {
        const html = HTML_BLOCK_RE.exec(line);
        if (html) {
          const kind = html.slice(1).findIndex((g) => g !== undefined);
          const end = kind === 0 ? new RegExp(`</${html[1] as string}>`, 'i') : (HTML_BLOCK_END[kind] as string);
          const after = line.slice(html[0].length - (kind === 1 ? 2 : 0));
          if (!(typeof end === 'string' ? after.includes(end) : end.test(after))) htmlEnd = end;
        }
      }
    }
    first = false;
    prevBlank = blank;
    prevLine = line;
    if (source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10) end++;
    start = end + 1;
  }
  return { cuts, definitions };
}

/**
 * The mdast trees of a document's pieces, their positions in the whole document. Only the first piece
 * can hold front matter.
 */
function* parseChunks(source: string, gfm: boolean, frontmatter: boolean, size: number): Generator<Root> {
  if (source.length <= size) {
    yield processorFor(gfm, frontmatter).parse(source) as Root;
    return;
  }
  // A first scan finds the definitions; when there are many, pieces grow to hold as much as them.
  const scan = cutPoints(source, gfm, frontmatter, size);
  let cuts = scan.cuts;
  const definitions = scan.definitions;
  let defined = definitions.join('\n');
  if (defined.length > MAX_DEFINITION_CHARS) defined = '';
  if (defined.length > size) cuts = cutPoints(source, gfm, frontmatter, defined.length).cuts;
  cuts.push({ at: source.length });
  const lineBreaks = (text: string): number => text.split(/\r\n|\r|\n/).length - 1;
  let from: Cut = { at: 0 };
  let line = 1;
  let k = 0;
  while (from.at < source.length) {
    let to = cuts[k] as Cut;
    let table = from.prefix ?? '';
    for (;;) {
      const piece = source.slice(from.at, to.at);
      // The definitions go after a piece, where a blank line ends whatever the piece left open; but after
      // the last piece, which may end in an unclosed code block, they go first (before any front matter
      // only the first piece can hold, and the last is the first only when there is one piece).
      const last = to.at >= source.length;
      const before = defined && last && from.at > 0 ? defined + '\n\n' : '';
      const after = defined && !last ? '\n\n' + defined + '\n' : '';
      const prefix = before + table;
      const tree = processorFor(gfm, frontmatter && from.at === 0).parse(prefix + piece + after) as Root;
      // What the copied definitions made (definitions, or a paragraph if one was not) is not the piece's.
      while (tree.children.length > 0 && (tree.children[tree.children.length - 1]?.position?.start.offset ?? 0) >= prefix.length + piece.length) tree.children.pop();
      while (tree.children.length > 0 && (tree.children[0]?.position?.start.offset ?? 0) < before.length) tree.children.shift();
      const head = tree.children[0];
      if (table && !(head?.type === 'table' && head.position?.start.offset === before.length && head.children[1]?.position?.start.offset === prefix.length)) {
        table = ''; // (never seen) the copied header did not make the piece's rows a table's: read them as they are
        continue;
      }
      const end = tree.children[tree.children.length - 1];
      const reachesEnd = (end?.position?.end.offset ?? 0) >= prefix.length + piece.trimEnd().length;
      // A piece that ends in code or HTML may have been cut inside it, and a cut in a table must follow one:
      // otherwise parse the piece again with the next piece (at least twice as long, so this stays linear).
      const suspect = !last && (((end?.type === 'code' || end?.type === 'html') && reachesEnd) || (to.prefix !== undefined && !(end?.type === 'table' && reachesEnd)));
      if (!suspect) {
        shift(tree, from.at - prefix.length, line - 1 - lineBreaks(prefix));
        yield tree;
        break;
      }
      const want = from.at + 2 * (to.at - from.at);
      while (k < cuts.length - 1 && (cuts[k] as Cut).at < want) k++;
      to = cuts[k] as Cut;
    }
    line += lineBreaks(source.slice(from.at, to.at));
    from = to;
    k++;
  }
}

/** Moves a piece's positions to where the piece lies in the document. */
function shift(tree: Root, offset: number, lines: number): void {
  if (offset === 0 && lines === 0) return;
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    const p = node.position;
    if (p) {
      if (p.start.offset !== undefined) p.start.offset += offset;
      if (p.end.offset !== undefined) p.end.offset += offset;
      p.start.line += lines;
      p.end.line += lines;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

// ---------------------------------------------------------------------------------------------------
// Nesting: refused past MAX_NESTING, before parsing.

/**
 * Refuses a document that may nest block quotes and list items deeper than MAX_NESTING, in one linear scan
 * of the line prefixes. A line can hold no more containers than the `>` and list markers at its start plus
 * one list item per two columns of its indentation (a list item's content is indented at least two columns
 * past its parent's), and no more indented items than were opened since the last line that closes them
 * all (one at column 0 after a blank line, or starting with a bullet or `1.` item, which ends the items
 * before it). That bound is never below the real depth, and reaches 100 only on documents built to do so.
 */
export function checkNesting(source: string, max = MAX_NESTING): void {
  const n = source.length;
  const isSpace = (c: number): boolean => c === 32 || c === 9;
  const isEnd = (c: number): boolean => c === 10 || c === 13 || Number.isNaN(c);
  const isBullet = (c: number): boolean => c === 45 || c === 43 || c === 42; // - + *
  /** End of the list marker at `i` (`-`, `+`, `*`, or up to nine digits then `.` or `)`, then white space or the line's end), or `i`. */
  const markerEnd = (i: number): number => {
    let m = i;
    if (isBullet(source.charCodeAt(i))) m++;
    else {
      while (m - i < 9 && source.charCodeAt(m) >= 48 && source.charCodeAt(m) <= 57) m++;
      const d = source.charCodeAt(m);
      m = m > i && (d === 46 || d === 41) ? m + 1 : i;
    }
    const after = source.charCodeAt(m);
    return m > i && (isSpace(after) || isEnd(after)) ? m : i;
  };
  let open = 0; // list items opened since the last line that closed them all
  let prevBlank = true;
  let line = 1;
  let i = 0;
  for (;;) {
    const lineStart = i;
    let col = 0;
    let space = 0;
    let quotes = 0;
    let markers = 0;
    for (;;) {
      const c = source.charCodeAt(i);
      if (isSpace(c)) {
        const w = c === 9 ? 4 - (col % 4) : 1;
        space += w;
        col += w;
        i++;
      } else if (c === 62) {
        quotes++;
        col++;
        i++;
      } else {
        const m = markerEnd(i);
        if (m === i) break;
        markers++;
        col += m - i;
        i = m;
      }
    }
    let end = i;
    while (!isEnd(source.charCodeAt(end))) end++;
    const blank = quotes === 0 && markers === 0 && i === end;
    if (!blank) {
      const c0 = source.charCodeAt(lineStart);
      // At column 0 after a blank line nothing is lazy: every list item before has ended. So has it when
      // the line starts with a bullet or an item numbered 1 with text after it (such an item can interrupt
      // a paragraph, so the line is not a lazy continuation).
      const m0 = markerEnd(lineStart);
      const startsItem = ((isBullet(c0) && m0 === lineStart + 1) || (c0 === 49 && m0 === lineStart + 2)) && i < end;
      const flush = !isSpace(c0) && c0 !== 62;
      const openBefore = (flush && prevBlank) || startsItem ? 0 : open;
      const depth = quotes + markers + Math.min(Math.floor(space / 2), openBefore);
      if (depth > max) throw new DocumentLimitError(`nesting deeper than ${max} levels (line ${line}); not linted`);
      open = openBefore + markers;
    }
    prevBlank = blank;
    if (end >= n) return;
    i = source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    line++;
  }
}

/** Maps a text node's value, taken from `source[start, end)`, onto a run (readers whose text differs from their source). */
export type TextAligner = (run: TextRun, value: string, start: number, end: number) => void;
/** The aligner of the walk in progress (the walk is synchronous; set and cleared by blocksFromMdast). */
let aligner: TextAligner | undefined;

/**
 * The blocks of an mdast tree whose text nodes carry offsets into `source`: Markdown's own, or another
 * reader's (HTML) with `align` mapping each text node onto its source.
 */
export function blocksFromMdast(tree: Root, source: string, align?: TextAligner): Block[] {
  const blocks: Block[] = [];
  aligner = align;
  try {
    walkBlocks(tree.children, source, blocks, 0);
  } finally {
    aligner = undefined;
  }
  return blocks;
}

function walkBlocks(nodes: RootContent[], source: string, out: Block[], listDepth: number): void {
  // An explicit stack, lists included, keeps deeply nested lists and block quotes from overflowing the call
  // stack. A list's frame yields its items one by one; an item's other content (nested lists, quotes) is
  // walked right after the item, so blocks stay in document order.
  type Frame = { nodes: RootContent[]; i: number; depth: number; list?: List };
  const stack: Frame[] = [{ nodes, i: 0, depth: listDepth }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.i >= frame.nodes.length) {
      stack.pop();
      continue;
    }
    const node = frame.nodes[frame.i++] as RootContent;
    if (frame.list && node.type === 'listItem') {
      const rest = pushListItem(node, frame.list, source, out, frame.depth);
      if (rest.length > 0) stack.push({ nodes: rest, i: 0, depth: frame.depth });
      continue;
    }
    switch (node.type) {
      case 'heading': {
        out.push({ kind: 'heading', depth: node.depth, run: inlineRun(node, source) });
        break;
      }
      case 'paragraph':
        out.push({ kind: 'paragraph', depth: 0, run: inlineRun(node, source) });
        break;
      case 'blockquote':
        stack.push({ nodes: node.children, i: 0, depth: frame.depth });
        break;
      case 'list':
        stack.push({ nodes: node.children, i: 0, depth: frame.depth + 1, list: node });
        break;
      case 'table':
        pushTableRows(node, source, out);
        break;
      default:
        // code, html, yaml, toml, thematicBreak, definition, footnoteDefinition: never judged.
        break;
    }
  }
}

/** Pushes a list item's block (its leading paragraphs); returns the rest of its content, to walk next. */
function pushListItem(item: ListItem, list: List, source: string, out: Block[], depth: number): RootContent[] {
  const run = new TextRun();
  const rest: RootContent[] = [];
  for (const child of item.children) {
    if (child.type === 'paragraph' && rest.length === 0) {
      if (run.length > 0) run.appendGap(' ', child.position?.start.offset ?? 0);
      appendInline(child, source, run);
    } else {
      rest.push(child);
    }
  }
  if (run.text.trim() !== '') out.push({ kind: 'list-item', depth, ordered: list.ordered === true, run });
  return rest;
}

function pushTableRows(table: Table, source: string, out: Block[]): void {
  table.children.forEach((row, r) => {
    if (r === 0) return; // the header row names columns; it states nothing
    const run = new TextRun();
    row.children.forEach((cell, c) => {
      if (c > 0 && run.length > 0) run.appendGap(' | ', cell.position?.start.offset ?? 0);
      appendInline(cell, source, run);
    });
    if (run.text.trim() !== '') out.push({ kind: 'table-row', depth: 0, run });
  });
}

function inlineRun(node: Parent, source: string): TextRun {
  const run = new TextRun();
  appendInline(node, source, run);
  return run;
}

function appendInline(node: Parent, source: string, run: TextRun): void {
  const stack: Nodes[] = [...node.children].reverse() as Nodes[];
  while (stack.length > 0) {
    const n = stack.pop() as Nodes;
    switch (n.type) {
      case 'text': {
        const start = n.position?.start.offset;
        const end = n.position?.end.offset;
        // An HTML element left open at the end of the file gives its text a start but no end.
        if (aligner && start !== undefined) aligner(run, n.value, start, end ?? source.length);
        else if (start === undefined || end === undefined) run.appendGap(n.value, run.sourceOffset(run.length));
        else run.appendAligned(n.value, source, start, end);
        break;
      }
      case 'break':
      case 'html':
      case 'inlineCode':
      case 'image':
      case 'imageReference':
      case 'footnoteReference': {
        // Stands for nothing judged, but keeps the words around it apart.
        const at = n.position?.start.offset ?? run.sourceOffset(run.length);
        if (run.length > 0 && !/\s$/.test(run.text)) run.appendGap(' ', at);
        break;
      }
      default:
        if ('children' in n) {
          const children = (n as Parent).children as Nodes[];
          for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
        }
    }
  }
}
