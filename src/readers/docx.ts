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
      // Images are neither unpacked nor embedded: a plan's text is what is judged.
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
    });
    return result.value;
  } catch (e) {
    if (e instanceof ZipError || e instanceof DocxError) throw new DocxError(e.message);
    throw new DocxError(`cannot be read as a Word document (${((e as Error).message ?? String(e)).split('\n')[0]})`);
  }
}
