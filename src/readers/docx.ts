/**
 * Word (.docx) → HTML through mammoth, reading the archive with planlint's guarded ZIP reader. Headings,
 * lists (with their numbering) and tables survive; images are never unpacked. Every Word paragraph
 * becomes one element, empty ones included, so paragraph numbers match Word's.
 */
import { createRequire } from 'node:module';
import { DEFAULT_ZIP_LIMITS, ZipArchive, ZipError, type ZipLimits } from './zip.js';

const require = createRequire(import.meta.url);

export class DocxError extends Error {}

/** The HTML of a Word document. Throws `DocxError`, with a one-line reason, for a file that cannot be read. */
export async function docxToHtml(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string> {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocxError('is password-protected or an old binary Word (.doc) file; save it as an unprotected .docx');
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new DocxError('is not a Word document (.docx files are ZIP archives)');
  let zip: ZipArchive;
  try {
    zip = new ZipArchive(bytes, limits);
  } catch (e) {
    throw e instanceof ZipError ? new DocxError(e.message) : e;
  }
  if (!zip.has('word/document.xml') && !zip.has('[Content_Types].xml')) throw new DocxError('is a ZIP archive but not a Word document (no word/document.xml)');
  const file = {
    exists: (name: string): boolean => zip.has(name),
    read: async (name: string, encoding?: string): Promise<string | Uint8Array> => {
      const data = zip.read(name);
      if (encoding === 'base64') return Buffer.from(data).toString('base64');
      return encoding ? new TextDecoder(encoding).decode(data) : data;
    },
    write: (): void => {},
    toArrayBuffer: (): never => {
      throw new DocxError('is read only');
    },
  };
  const mammoth = require('mammoth') as typeof import('mammoth');
  try {
    const result = await mammoth.convertToHtml({ file } as unknown as { buffer: Buffer }, {
      ignoreEmptyParagraphs: false,
      // A document's title (Word's Title style, which mammoth's default style map leaves a paragraph) heads it,
      // as `# Title` does in Markdown; it is not a statement to judge.
      styleMap: ["p[style-name='Title'] => h1:fresh"],
      // Images are neither unpacked nor embedded: a plan's text is what is judged.
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      transformDocument: (document: unknown) => markHeaderRows(document as MammothElement),
    });
    return result.value;
  } catch (e) {
    if (e instanceof ZipError || e instanceof DocxError) throw new DocxError(e.message);
    throw new DocxError(`cannot be read as a Word document (${((e as Error).message ?? String(e)).split('\n')[0]})`);
  }
}

interface MammothElement {
  type: string;
  children?: MammothElement[];
  isHeader?: boolean;
  value?: string;
}

/** Longest text a header cell holds: a header names a column, it states nothing. */
const HEADER_CELL_CHARS = 60;

/**
 * The first row of a Word table is its header, as in Markdown, unless it reads as content. Word marks a
 * header row only when it repeats on every page, so without this a table's column names ("Goal | Owner |
 * By") would be judged as a statement, and counted as one more priority, where the same table in Markdown
 * or HTML (`<th>`) is not. A single-row table, or a first row with a long cell or several paragraphs in a
 * cell (a layout table), is left as content.
 */
function markHeaderRows(document: MammothElement): MammothElement {
  for (const table of descendants(document, 'table')) {
    const rows = (table.children ?? []).filter((r) => r.type === 'tableRow');
    const first = rows[0];
    if (!first || rows.length < 2 || rows.some((r) => r.isHeader)) continue;
    const cells = (first.children ?? []).filter((c) => c.type === 'tableCell');
    const short = cells.every((cell) => {
      const texts = descendants(cell, 'paragraph')
        .map((p) => descendants(p, 'text').map((t) => t.value ?? '').join('').trim())
        .filter((t) => t !== '');
      return texts.length <= 1 && (texts[0] ?? '').length <= HEADER_CELL_CHARS && descendants(cell, 'table').length === 0;
    });
    if (cells.length > 0 && short) first.isHeader = true;
  }
  return document;
}

/** Elements of a type under an element of mammoth's document model, in document order. */
function descendants(root: MammothElement, type: string): MammothElement[] {
  const out: MammothElement[] = [];
  const stack: MammothElement[] = [...(root.children ?? [])].reverse();
  while (stack.length > 0) {
    const e = stack.pop() as MammothElement;
    if (e.type === type) out.push(e);
    for (let i = (e.children?.length ?? 0) - 1; i >= 0; i--) stack.push((e.children as MammothElement[])[i] as MammothElement);
  }
  return out;
}
