/**
 * Word vectors of the statement model: rules/data/model/vectors.bin, derived from GloVe by
 * scripts/derive-vectors.mjs (layout documented there). Read once, on first use, and checked: a file whose
 * sizes do not add up fails with its path and the problem.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../paths.js';

export interface WordVectors {
  dims: number;
  /** Word → its index, which is its frequency rank in the source (0 = most frequent). */
  index: Map<string, number>;
  /** Unit-length vector of word `i`, decoded anew at each call (a cache of all of them would cost 16 MB a thread). */
  vector(i: number): Float32Array;
  size: number;
}

const MAGIC = 'PLVEC001';

export class ModelDataError extends Error {}

/** Decodes a vectors file; `name` is used in errors. */
export function decodeVectors(buf: Buffer, name: string): WordVectors {
  const bad = (why: string): never => {
    throw new ModelDataError(`${name}: ${why}`);
  };
  if (buf.length < 20 || buf.toString('latin1', 0, 8) !== MAGIC) bad(`not a planlint vectors file (no ${MAGIC} header)`);
  const dims = buf.readUInt32LE(8);
  const count = buf.readUInt32LE(12);
  const wordBytes = buf.readUInt32LE(16);
  const padded = Math.ceil(wordBytes / 4) * 4;
  const scalesAt = 20 + padded;
  const dataAt = scalesAt + 4 * count;
  if (dims === 0 || dims > 1024 || dataAt + dims * count !== buf.length) bad(`sizes do not add up (${dims} dimensions, ${count} words, ${buf.length} bytes)`);
  const words = buf.toString('utf8', 20, 20 + wordBytes).split('\n');
  if (words.length !== count) bad(`${words.length} words listed for ${count} vectors`);
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (w === '' || index.has(w)) bad(`word ${i + 1} is empty or repeated`);
    index.set(w, i);
  });
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) scales[i] = buf.readFloatLE(scalesAt + 4 * i);
  const data = new Int8Array(buf.buffer, buf.byteOffset + dataAt, dims * count);
  return {
    dims,
    index,
    size: count,
    vector(i: number): Float32Array {
      const v = new Float32Array(dims);
      const s = scales[i] as number;
      for (let d = 0; d < dims; d++) v[d] = (data[i * dims + d] as number) * s;
      return v;
    },
  };
}

let loaded: WordVectors | undefined;

/** The bundled vectors, read on first use. */
export function wordVectors(): WordVectors {
  if (!loaded) {
    const file = path.join(dataDir(), 'model', 'vectors.bin');
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch (e) {
      throw new ModelDataError(`${file}: ${(e as Error).message}`);
    }
    loaded = decodeVectors(buf, file);
  }
  return loaded;
}
