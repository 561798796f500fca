/**
 * A small, guarded ZIP reader for Word documents. It reads the central directory, refuses archives with
 * too many entries or whose declared unpacked size is too large, and inflates each entry with a hard cap
 * on its output, so a ZIP bomb is refused before it is unpacked, whatever its headers claim.
 */
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

export interface ZipLimits {
  /** Most bytes the entries may unpack to, in all (default 50 MB). */
  maxUnpackedBytes: number;
  /** Most entries the archive may hold (default 5,000). */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUnpackedBytes: 50 * 1024 * 1024, maxEntries: 5000 };

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/** A size for a message: "50 MB", "64 KB", "100 bytes" (a limit below 1 MB must not read "0 MB"). */
const MB = (n: number): string =>
  n >= 1024 * 1024 ? `${Number((n / 1024 / 1024).toFixed(1))} MB` : n >= 1024 ? `${Number((n / 1024).toFixed(1))} KB` : `${n} bytes`;

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();
  private unpacked = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // End of central directory: 22 bytes, then a comment of up to 65,535 bytes.
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
      if (view.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('is not a valid ZIP archive (no central directory); the file is damaged or not a .docx');
    const count = view.getUint16(eocd + 10, true);
    const cdSize = view.getUint32(eocd + 12, true);
    const cdOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('is a ZIP64 archive, which no Word document needs; refused');
    if (count > limits.maxEntries) throw new ZipError(`holds ${count} ZIP entries, more than the ${limits.maxEntries} allowed; refused`);
    if (cdOffset + cdSize > bytes.length) throw new ZipError('is a truncated ZIP archive; the file is damaged');
    let declared = 0;
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new ZipError('has a damaged ZIP central directory');
      const method = view.getUint16(p + 10, true);
      const compressedSize = view.getUint32(p + 20, true);
      const size = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const localHeader = view.getUint32(p + 42, true);
      const flags = view.getUint16(p + 8, true);
      const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
      if (flags & 1) throw new ZipError('is encrypted (password-protected); remove the password and try again');
      declared += size;
      if (declared > limits.maxUnpackedBytes) throw new ZipError(`would unpack to more than ${MB(limits.maxUnpackedBytes)}; refused as a possible ZIP bomb`);
      this.entries.set(name, { name, method, compressedSize, size, localHeader });
      p += 46 + nameLength + extraLength + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's bytes; inflation stops at the archive's remaining budget, whatever the entry declares. */
  read(name: string): Uint8Array {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipError(`has no "${name}" entry`);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const h = entry.localHeader;
    if (h + 30 > this.bytes.length || view.getUint32(h, true) !== 0x04034b50) throw new ZipError(`has a damaged ZIP entry "${name}"`);
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    if (data.length < entry.compressedSize) throw new ZipError(`has a truncated ZIP entry "${name}"`);
    const budget = this.limits.maxUnpackedBytes - this.unpacked;
    let out: Uint8Array;
    if (entry.method === 0) {
      out = data;
    } else if (entry.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (e) {
        if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ZipError(`would unpack to more than ${MB(this.limits.maxUnpackedBytes)}; refused as a possible ZIP bomb`);
        }
        throw new ZipError(`has a damaged ZIP entry "${name}" (${(e as Error).message})`);
      }
    } else {
      throw new ZipError(`uses ZIP compression method ${entry.method}, which Word does not write`);
    }
    this.unpacked += out.length;
    if (this.unpacked > this.limits.maxUnpackedBytes) throw new ZipError(`would unpack to more than ${MB(this.limits.maxUnpackedBytes)}; refused as a possible ZIP bomb`);
    return out;
  }
}
