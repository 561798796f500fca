// Build step: derive from natural's English Brill lexicon the words whose most likely tag is a base-form verb
// (VB, VBP) or a gerund (VBG), and the words that can also be a base-form verb. Loading natural's whole lexicon costs about 80 ms (4 MB of JSON, plus its
// Dutch lexicon); this list of a few thousand words loads in about 1 ms. The output is generated, not committed.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const lexicon = require('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json');
const base = [];
const gerund = [];
// Words that can be a base-form verb but are more often something else ("survey", "issue", "review").
const alsoBase = [];
for (const [word, tags] of Object.entries(lexicon)) {
  if (!/^[a-z]+$/.test(word) || !Array.isArray(tags)) continue;
  if (tags[0] === 'VB' || tags[0] === 'VBP') base.push(word);
  else if (tags[0] === 'VBG' && word.endsWith('ing')) gerund.push(word);
  else if (tags.includes('VB')) alsoBase.push(word);
}
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'rules', 'data', 'generated');
mkdirSync(out, { recursive: true });
writeFileSync(
  path.join(out, 'pos-verbs.json'),
  JSON.stringify({ source: 'natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json', base: base.sort(), gerund: gerund.sort(), alsoBase: alsoBase.sort() }) + '\n',
);
