// Build step (last, after tsc and scripts/precompile.mjs): the command line in few files, with V8's code
// cache, for start-up time (issue 6). Node 20 loads ES modules one by one — resolve, read, compile, link —
// and the command line reaches about 60 of planlint's own modules, and yaml alone is 72 files; then V8
// compiles each function the first time it runs (together about 200 ms of CPU before the first lint).
//
// - dist/src/cli.bundle.cjs: the command line (dist/src/cli.js, every planlint module it imports and the
//   packages they require: commander, yaml, picomatch, ignore, chalk, natural's stemmer and sentence
//   tokenizer, the configuration validator of dist/src/generated/) as one CommonJS module, which
//   src/launch.ts compiles with V8's code cache. A package required on first use is still run on first use
//   (rolldown wraps each in a function called by its first require). The bundle sits in dist/src, beside
//   cli.js, so every path its modules take from import.meta.url (rules/data, package.json, ./generated/,
//   ./worker.js for the worker threads) is the same as theirs.
// - Outside the bundle, loaded as before: the Word reader (dist/src/readers/docx.js, which loads zlib), the
//   packages of the Markdown, HTML and Word readers (unified, remark, rehype, mammoth: the other modules'
//   requires are left alone), tinypool and tinyglobby.
// - dist/src/cli.bundle.json lists planlint's files the bundle was built from: src/launch.ts uses the
//   bundle only when none of them has changed since (a `tsc` run alone, for instance, makes it fall back
//   to dist/src/cli.js, the modules as tsc wrote them).
// - dist/src/cli.bundle.cache: V8's code cache for the bundle, recorded in a fresh Node process that lints
//   the sample plans (fixtures/plans/), and a plan under a YAML configuration file, as a user would: it
//   holds the bytecode of the functions those runs compile. Valid for this version of Node only (V8
//   refuses it otherwise, and the bundle is then compiled as usual).
//
// Without rolldown (an install without devDependencies) this step writes nothing, and removes an old bundle.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'src');
const bundleFile = path.join(dist, 'cli.bundle.cjs');
const manifestFile = path.join(dist, 'cli.bundle.json');
const cacheFile = path.join(dist, 'cli.bundle.cache');

let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch {
  for (const f of [bundleFile, manifestFile, cacheFile]) rmSync(f, { force: true });
  process.stderr.write('bundle: rolldown is not installed; the command line runs from dist/src/cli.js\n');
  process.exit(0);
}
const kb = (code) => `${(Buffer.byteLength(code) / 1024).toFixed(0)} KB`;

// ------------------------------------------------------------------------------------------ the command line
/**
 * planlint's modules whose requires the bundle resolves (their `createRequire(import.meta.url)` is dropped,
 * so rolldown sees them): the packages they load on first use are bundled.
 */
const BUNDLE_REQUIRES = ['config.js', 'nlp.js', 'color.js'].map((f) => path.join(dist, f));
const CREATE_REQUIRE = 'const require = createRequire(import.meta.url);';
const VALIDATOR = './generated/config-validator.cjs';

const build = await rolldown({
  input: path.join(dist, 'cli.js'),
  platform: 'node',
  cwd: root,
  logLevel: 'warn',
  external: [
    /^node:/,
    'tinypool',
    'tinyglobby',
    // Fallbacks of src/config.ts and src/nlp.ts for a build without the generated files (the compiler
    // of the validator keeps its own runtime: only the generated validator's ucs2length is bundled).
    /^ajv\/dist\/2020/,
    /brill_pos_tagger/,
  ],
  plugins: [
    {
      name: 'planlint-bundle',
      resolveId(source, _importer, options) {
        // The Word reader (and its zip reader, which loads zlib), imported only for a .docx file.
        if (options?.kind === 'dynamic-import' && source === './readers/docx.js') return { id: source, external: true };
        // No validator generated (scripts/precompile.mjs not run): src/config.ts compiles the schema.
        if (source === VALIDATOR && !existsSync(path.join(dist, VALIDATOR))) return { id: source, external: true };
        return null;
      },
      transform(code, id) {
        if (!BUNDLE_REQUIRES.includes(id)) return null;
        if (!code.includes(CREATE_REQUIRE)) throw new Error(`bundle: ${path.relative(root, id)} no longer holds "${CREATE_REQUIRE}"`);
        return code.replace(CREATE_REQUIRE, '');
      },
    },
  ],
});
rmSync(cacheFile, { force: true });
const { output } = await build.generate({ format: 'cjs', codeSplitting: false });
const chunk = output.find((o) => o.type === 'chunk');
if (!chunk || output.length !== 1) throw new Error(`bundle: expected one file, got ${output.map((o) => o.fileName).join(', ')}`);
// A script compiled with a code cache cannot `import()` in Node 20 (the callback given to vm is lost with
// the cached code): the bundle's dynamic imports call the importer src/launch.ts passes it instead.
let code = chunk.code;
for (const id of chunk.dynamicImports) {
  const call = `import(${JSON.stringify(id)})`;
  if (!code.includes(call)) throw new Error(`bundle: the dynamic import of ${id} is not written ${call}`);
  code = code.replaceAll(call, `__planlintImport(${JSON.stringify(id)})`);
}
// commander requires node:child_process when it is loaded, for subcommands run as separate programs, which
// planlint has none of; loading it (and net, dgram, the stream modules it brings) costs a run of one file
// about 10 ms. The bundle requires it when commander first spawns, if ever.
const CHILD_PROCESS = 'const childProcess = require("node:child_process");';
if (code.split(CHILD_PROCESS).length !== 2) throw new Error(`bundle: commander no longer holds "${CHILD_PROCESS}" once`);
code = code.replace(CHILD_PROCESS, 'const childProcess = { spawn: (...args) => require("node:child_process").spawn(...args) };');
if (/childProcess\.(?!spawn\()/.test(code)) throw new Error('bundle: commander uses node:child_process for more than spawn');
writeFileSync(bundleFile, code);

// What the bundle was built from: planlint's own files, with their sizes. (The packages bundled are the
// bundle's own copies: nothing outside it changes them.)
const files = [];
for (const id of Object.keys(chunk.modules).sort()) {
  if (!path.isAbsolute(id) || !existsSync(id)) continue;
  const rel = path.relative(root, id).split(path.sep).join('/');
  if (!/(^|\/)node_modules\//.test(rel)) files.push([rel, statSync(id).size]);
}
writeFileSync(manifestFile, JSON.stringify({ files }) + '\n');
process.stderr.write(`bundle: ${path.relative(root, bundleFile)}, ${kb(code)} from ${Object.keys(chunk.modules).length} modules\n`);

// ------------------------------------------------------------------------------------------ the code cache
// Recorded in a fresh process with no V8 flags, as the command line starts: the bundle compiled as
// src/launch.ts compiles it, then the sample plans linted (reports written nowhere), then the cache taken.
{
  const launch = pathToFileURL(path.join(dist, 'launch.js')).href;
  // A plan under a YAML configuration that uses every part of it.
  const configured = mkdtempSync(path.join(tmpdir(), 'planlint-bundle-'));
  writeFileSync(
    path.join(configured, '.planlintrc.yml'),
    [
      'root: true',
      'extends: planlint:strict',
      'rules:',
      '  require-owner: off',
      '  max-priorities: [warn, { max: 7 }]',
      '  no-buzzword: [warn, { allow: [ecosystem] }]',
      'lexicons:',
      '  tools: { add: [Zorbly, { term: member portal, note: Our self-service site. }], remove: [blog] }',
      '  stakeholders: { add: [{ term: growers, tag: suppliers }] }',
      'overrides:',
      '  - files: ["archive/**", "legacy-*.md"]',
      '    rules: { no-tool-as-goal: warn }',
      'ignorePatterns: ["drafts/"]',
      '',
    ].join('\n'),
  );
  copyFileSync(path.join(root, 'fixtures', 'plans', 'mixed-plan.md'), path.join(configured, 'plan.md'));
  const train = `
    import { writeFileSync } from 'node:fs';
    import { compileBundle, CODE_CACHE } from ${JSON.stringify(launch)};
    const { run, script } = compileBundle();
    const sink = { write: () => true, isTTY: false };
    const io = { stdout: sink, stderr: sink, stdin: process.stdin, cwd: process.argv[1] };
    for (const args of [['fixtures/plans/'], ['-f', 'json', 'fixtures/plans/'], ['map', 'fixtures/plans/weak-plan.md'], [process.argv[2]]]) await run(['node', 'planlint', ...args], io);
    writeFileSync(CODE_CACHE, script.createCachedData());
  `;
  try {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', train, root, path.join(configured, 'plan.md')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { PATH: process.env.PATH ?? '' } });
    if (r.status !== 0) throw new Error(`bundle: recording the code cache failed (exit ${r.status})`);
  } finally {
    rmSync(configured, { recursive: true, force: true });
  }
  process.stderr.write(`bundle: ${path.relative(root, cacheFile)}, ${(statSync(cacheFile).size / 1024).toFixed(0)} KB\n`);
}
