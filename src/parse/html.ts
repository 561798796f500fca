/**
 * HTML → blocks, through rehype-parse and hast-util-to-mdast, then the same walk as Markdown: headings,
 * paragraphs, list items (with their nesting and numbering) and table rows. Scripts, styles, comments and
 * attributes are never part of a block's text; every character keeps its offset in the HTML source.
 */
import { createRequire } from 'node:module';
import type { Root as HastRoot, Nodes as HastNodes } from 'hast';
import type { Nodes, Root } from 'mdast';
import type { Options as ToMdastOptions } from 'hast-util-to-mdast';
import { blocksFromMdast } from './markdown.js';
import { appendHtmlText, projectHtml } from './html-align.js';
import type { Block } from './blocks.js';
import { DocumentLimitError, MAX_NESTING } from '../source.js';

const require = createRequire(import.meta.url);

interface HtmlParser {
  parse(source: string): unknown;
}
let parser: HtmlParser | undefined;
let toMdast: ((tree: HastRoot, options: ToMdastOptions) => unknown) | undefined;

/**
 * hast-util-to-mdast's handlers that would put text in a statement where the source has none: the values of
 * form fields and an iframe's title are attributes (never judged), and a textarea's text, which its own
 * handler rebuilds without positions, is kept as the text nodes the parser read (with their positions).
 */
const HANDLERS: ToMdastOptions['handlers'] = {
  input: () => undefined,
  iframe: () => undefined,
  textarea: (state, node) => state.all(node),
};

export function parseHtml(source: string): Block[] {
  if (!parser || !toMdast) {
    // Loaded on first use: a run over Markdown files never loads the HTML parser.
    const { unified } = require('unified') as typeof import('unified');
    const rehypeParse = (require('rehype-parse') as typeof import('rehype-parse')).default;
    parser = unified().use(rehypeParse);
    toMdast = (require('hast-util-to-mdast') as typeof import('hast-util-to-mdast')).toMdast as (tree: HastRoot, options: ToMdastOptions) => unknown;
  }
  checkHtmlNesting(source);
  let hast: HastRoot;
  let tree: Root;
  try {
    hast = parser.parse(source) as HastRoot;
    prune(hast);
    tree = toMdast(hast, { handlers: HANDLERS }) as Root;
  } catch (e) {
    // hast-util-from-parse5 and hast-util-to-mdast recurse: should nesting the scan did not foresee
    // (parse5 rebuilding misnested tags) overflow the stack, it is this file's error, not a crash.
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new DocumentLimitError('nesting too deep to read; not linted');
    throw e;
  }
  separateCellBlocks(tree);
  const projection = projectHtml(source);
  return blocksFromMdast(tree, source, (run, value, start, end) => appendHtmlText(run, value, projection, start, end));
}

/** Footnote and endnote reference links and back-links, as mammoth writes them (`#footnote-1`, `#footnote-ref-1`). */
const NOTE_LINK_RE = /^#(?:footnote|endnote)-(?:ref-)?\d+$/;
/** A footnote or endnote body, as mammoth writes it (`<li id="footnote-1">`). */
const NOTE_ID_RE = /^(?:footnote|endnote)-\d+$/;

/**
 * Takes out what is never judged and would otherwise change the text: comments (hast-util-to-mdast keeps
 * them as `html` nodes, and one inside a list is moved into the next item, which then stops being a list
 * item), footnote reference marks (`leader[1] in` would hide a phrase), footnote bodies (never judged,
 * as in Markdown) and an option's `value` and `label` attributes (a select reads as its option's text).
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
      if (child.tagName === 'option') {
        delete child.properties.value;
        delete child.properties.label;
      }
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

// `[^<>]*`, not `[^>]*` (quadratic on `<p ` repeated with no `>`): the same tags, as the reader's HTML (mammoth's)
// escapes `<` and `>` in text and attribute values alike.
const PARAGRAPH_RE = /<(?:p|h[1-6]|li)(?=[\s>/])[^<>]*>/gi;

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

// ---------------------------------------------------------------------------------------------------
// Nesting: refused past MAX_NESTING elements, before parsing.

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'keygen']);
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** Start tags that close an open `<p>` (HTML's "close a p element" rule). */
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'dd', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul']);
/** For a start tag that ends an open element of the same family: the family, and the elements that bound the search. */
const IMPLIED_END: Record<string, { ends: string[]; within: string[] }> = {
  li: { ends: ['li'], within: ['ul', 'ol', 'menu'] },
  dt: { ends: ['dt', 'dd'], within: ['dl'] },
  dd: { ends: ['dt', 'dd'], within: ['dl'] },
  tr: { ends: ['tr'], within: ['table'] },
  td: { ends: ['td', 'th'], within: ['tr', 'table'] },
  th: { ends: ['td', 'th'], within: ['tr', 'table'] },
  tbody: { ends: ['thead', 'tbody', 'tfoot'], within: ['table'] },
  thead: { ends: ['thead', 'tbody', 'tfoot'], within: ['table'] },
  tfoot: { ends: ['thead', 'tbody', 'tfoot'], within: ['table'] },
  option: { ends: ['option'], within: ['select', 'datalist', 'optgroup'] },
  h1: { ends: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], within: [] },
};
for (const h of ['h2', 'h3', 'h4', 'h5', 'h6']) IMPLIED_END[h] = IMPLIED_END.h1 as { ends: string[]; within: string[] };

/**
 * Refuses HTML that nests elements deeper than MAX_NESTING, in one linear scan: a stack of open elements,
 * with void and self-closed elements, end tags that close what they enclose, and the start tags that end
 * an open element (`<li>` an open `<li>`, a block an open `<p>`, `<td>` an open `<td>`…), as HTML parsers
 * do. Scanning stops at the first element past the limit; the stack never holds more, so the searches
 * in it keep the scan linear.
 */
export function checkHtmlNesting(source: string, max = MAX_NESTING): void {
  const stack: string[] = [];
  const popTo = (names: string[], within: string[]): void => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const name = stack[k] as string;
      if (names.includes(name)) {
        stack.length = k;
        return;
      }
      if (within.includes(name)) return;
    }
  };
  const nameRe = /[A-Za-z][^\s/>]*/y;
  let i = source.indexOf('<');
  while (i >= 0 && i < source.length) {
    let next = i + 1;
    if (source.startsWith('<!--', i)) {
      const close = source.indexOf('-->', i + 4);
      next = close < 0 ? source.length : close + 3;
    } else if (source[i + 1] === '!' || source[i + 1] === '?') {
      const close = source.indexOf('>', i);
      next = close < 0 ? source.length : close + 1;
    } else {
      const end = source[i + 1] === '/';
      nameRe.lastIndex = i + (end ? 2 : 1);
      const m = nameRe.exec(source);
      if (m) {
        const name = m[0].toLowerCase();
        const close = source.indexOf('>', nameRe.lastIndex);
        next = close < 0 ? source.length : close + 1;
        if (end) {
          popTo([name], []);
        } else {
          const implied = IMPLIED_END[name];
          if (implied) popTo(implied.ends, implied.within);
          if (CLOSES_P.has(name)) popTo(['p'], ['table', 'td', 'th', 'button', 'caption', 'object', 'template']);
          if (RAW_TEXT_ELEMENTS.has(name)) {
            const endTag = new RegExp(`</${name}[\\s/>]`, 'gi');
            endTag.lastIndex = next;
            next = endTag.exec(source) ? endTag.lastIndex : source.length;
          } else if (!VOID_ELEMENTS.has(name) && source[close - 1] !== '/') {
            stack.push(name);
            if (stack.length > max) {
              let line = 1;
              for (let k = source.indexOf('\n'); k >= 0 && k < i; k = source.indexOf('\n', k + 1)) line++;
              throw new DocumentLimitError(`nesting deeper than ${max} levels (line ${line}); not linted`);
            }
          }
        }
      }
    }
    i = source.indexOf('<', next);
  }
}
