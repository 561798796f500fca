/**
 * HTML → blocks, through rehype-parse and hast-util-to-mdast, then the same walk as Markdown: headings,
 * paragraphs, list items (with their nesting and numbering) and table rows. Scripts, styles, comments and
 * attributes are never part of a block's text; every character keeps its offset in the HTML source.
 */
import { createRequire } from 'node:module';
import type { Root as HastRoot, Nodes as HastNodes } from 'hast';
import type { Nodes, Root } from 'mdast';
import { blocksFromMdast } from './markdown.js';
import type { Block } from './blocks.js';

const require = createRequire(import.meta.url);

interface HtmlParser {
  parse(source: string): unknown;
}
let parser: HtmlParser | undefined;
let toMdast: ((tree: HastRoot) => unknown) | undefined;

export function parseHtml(source: string): Block[] {
  if (!parser || !toMdast) {
    // Loaded on first use: a run over Markdown files never loads the HTML parser.
    const { unified } = require('unified') as typeof import('unified');
    const rehypeParse = (require('rehype-parse') as typeof import('rehype-parse')).default;
    parser = unified().use(rehypeParse);
    toMdast = (require('hast-util-to-mdast') as typeof import('hast-util-to-mdast')).toMdast as (tree: HastRoot) => unknown;
  }
  const hast = parser.parse(source) as HastRoot;
  prune(hast);
  const tree = toMdast(hast) as Root;
  separateCellBlocks(tree);
  return blocksFromMdast(tree, source);
}

/** Footnote and endnote reference links and back-links, as mammoth writes them (`#footnote-1`, `#footnote-ref-1`). */
const NOTE_LINK_RE = /^#(?:footnote|endnote)-(?:ref-)?\d+$/;
/** A footnote or endnote body, as mammoth writes it (`<li id="footnote-1">`). */
const NOTE_ID_RE = /^(?:footnote|endnote)-\d+$/;

/**
 * Takes out what is never judged and would otherwise change the text: comments (hast-util-to-mdast keeps
 * them as `html` nodes, and one inside a list is moved into the next item, which then stops being a list
 * item), footnote reference marks (`leader[1] in` would hide a phrase) and footnote bodies (never judged,
 * as in Markdown).
 */
function prune(tree: HastRoot): void {
  const stack: HastNodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as HastNodes;
    if (!('children' in node)) continue;
    const kept = (node.children as HastNodes[]).filter((child) => {
      if (child.type === 'comment') return false;
      if (child.type !== 'element') return true;
      const { href, id } = child.properties;
      if (child.tagName === 'a' && typeof href === 'string' && NOTE_LINK_RE.test(href)) return false;
      if (child.tagName === 'li' && typeof id === 'string' && NOTE_ID_RE.test(id)) return false;
      return true;
    });
    (node as { children: HastNodes[] }).children = kept;
    stack.push(...kept);
  }
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'list', 'listItem', 'blockquote', 'code', 'table', 'tableRow', 'tableCell', 'thematicBreak']);

/**
 * A table cell's text is read as one run; blocks inside a cell (a Word cell holds one paragraph per line,
 * an HTML cell may hold paragraphs or a list) are kept apart by a break, so that their words do not run
 * together ("Reach 50,000" + "followers" → "Reach 50,000 followers", not "50,000followers").
 */
function separateCellBlocks(tree: Root): void {
  const stack: Array<{ node: Nodes; inCell: boolean }> = [{ node: tree, inCell: false }];
  while (stack.length > 0) {
    const { node, inCell } = stack.pop() as { node: Nodes; inCell: boolean };
    if (!('children' in node)) continue;
    const within = inCell || node.type === 'tableCell';
    let children = node.children as Nodes[];
    if (within) {
      const out: Nodes[] = [];
      for (const child of children) {
        const prev = out[out.length - 1];
        if (prev && (BLOCK_TYPES.has(child.type) || BLOCK_TYPES.has(prev.type))) out.push({ type: 'break' });
        out.push(child);
      }
      (node as { children: Nodes[] }).children = children = out;
    }
    for (const child of children) stack.push({ node: child, inCell: within });
  }
}

const PARAGRAPH_RE = /<(?:p|h[1-6]|li)(?=[\s>/])[^>]*>/gi;

/**
 * Positions in the HTML of a Word document: line = the Word paragraph (each `<p>`, `<h1>`–`<h6>` and `<li>`
 * that the reader writes for one), column = the character within the paragraph's text.
 */
export function wordPositionIndex(source: string): (offset: number) => { line: number; column: number; offset: number } {
  const starts: Array<{ at: number; content: number }> = [];
  for (const m of source.matchAll(PARAGRAPH_RE)) starts.push({ at: m.index, content: m.index + m[0].length });
  return (offset: number) => {
    const o = Math.max(0, Math.min(offset, source.length));
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || (starts[0] as { at: number }).at > o) return { line: 1, column: plainLength(source, 0, o) + 1, offset: o };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as { at: number }).at <= o) lo = mid;
      else hi = mid - 1;
    }
    const p = starts[lo] as { at: number; content: number };
    return { line: lo + 1, column: plainLength(source, p.content, o) + 1, offset: o };
  };
}

/** Characters of text in `html[from, to)`: tags count for nothing, an entity for one. */
function plainLength(html: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = html[i];
    if (c === '<') {
      const close = html.indexOf('>', i);
      if (close < 0 || close >= to) break;
      i = close;
    } else if (c === '&') {
      const semi = html.indexOf(';', i);
      if (semi > i && semi - i <= 32 && semi < to) i = semi;
      n++;
    } else {
      n++;
    }
  }
  return n;
}
