// The floor: read every Markdown file under the given folders (or the given files) and parse it with
// unified + remark-parse — nothing else. What planlint costs is measured against this.
//
//   node bench/floor.mjs <folder|file>... [--gfm]
//
// --gfm adds remark-gfm (tables, task lists…), which planlint loads for documents that use that syntax;
// it is reported for information only: the targets are set against plain remark-parse.
// Prints one JSON line: { files, bytes, nodes, ms }.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const args = process.argv.slice(2);
const gfm = args.includes('--gfm');
const inputs = args.filter((a) => !a.startsWith('--'));
if (inputs.length === 0) {
  console.error('usage: node bench/floor.mjs <folder|file>... [--gfm]');
  process.exit(2);
}

const t0 = performance.now();
let processor = unified().use(remarkParse);
if (gfm) processor = processor.use((await import('remark-gfm')).default);

const MD = /\.(md|markdown)$/i;
function collect(p, out) {
  const st = statSync(p);
  if (st.isFile()) {
    out.push(p);
    return;
  }
  for (const e of readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(p, e.name);
    if (e.isDirectory()) collect(full, out);
    else if (e.isFile() && MD.test(e.name)) out.push(full);
  }
}
const files = [];
for (const p of inputs) collect(path.resolve(p), files);

let bytes = 0;
let nodes = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  bytes += Buffer.byteLength(text);
  const tree = processor.parse(text);
  nodes += tree.children.length; // use the tree, so the parse cannot be dropped
}
process.stdout.write(JSON.stringify({ files: files.length, bytes, nodes, ms: Math.round(performance.now() - t0) }) + '\n');
