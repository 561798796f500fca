// Where the time goes: self time per function and per module in a V8 .cpuprofile.
//
//   node bench/profile.mjs <file.cpuprofile> [--top 25]
//   node bench/profile.mjs --run [--jobs 1] [--top 25] [-- <planlint args…>]
//
// --run profiles `node --cpu-prof bin/planlint.js --format json --jobs 1 bench/.corpus/200` (generating the
// corpus if needed; after `--`, other planlint arguments) and summarises the profile it writes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

/** Aggregates a profile: [{ key, ms, share }] by function and by module, and the total. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the interval that follows a sample to it.
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  let total = 0;
  const fns = new Map();
  const mods = new Map();
  for (const [id, ms] of self) {
    const n = byId.get(id);
    if (!n) continue;
    total += ms;
    const cf = n.callFrame;
    const mod = moduleOf(cf.url, cf.functionName);
    const fn = `${cf.functionName || '(anonymous)'}  ${mod}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
    mods.set(mod, (mods.get(mod) ?? 0) + ms);
  }
  const areas = new Map();
  for (const [mod, ms] of mods) areas.set(areaOf(mod), (areas.get(areaOf(mod)) ?? 0) + ms);
  const rank = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([key, ms]) => ({ key, ms, share: total ? ms / total : 0 }));
  return { total, functions: rank(fns), modules: rank(mods), areas: rank(areas) };
}

/** A short name for where a function lives: the package, planlint's own file, or a V8/Node category. */
function moduleOf(url, name) {
  if (!url) return name.startsWith('(') ? name : name.startsWith('RegExp:') ? '(regexp)' : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const d = url.indexOf('/dist/');
  if (d >= 0) return url.slice(d + 1);
  return url.replace(/^file:\/\//, '');
}

/** Modules grouped by what they do. */
function areaOf(mod) {
  if (/^(micromark|mdast-util|remark-|unified|unist-|vfile|decode-named|character-entities|markdown-table|hast-|rehype-|parse5)/.test(mod)) return 'Markdown/HTML parsing (unified, micromark, mdast)';
  if (mod === '(garbage collector)') return 'garbage collector';
  if (mod.startsWith('dist/src/parse/')) return 'planlint: mdast → blocks (src/parse)';
  if (mod.startsWith('dist/rules/')) return 'planlint: rules (rules/)';
  if (mod.startsWith('dist/src/formatters/')) return 'planlint: formatters';
  if (mod.startsWith('dist/')) return 'planlint: analysis, lexicons, config, CLI (src/)';
  if (mod === 'natural') return 'natural (NLP)';
  if (mod === 'ajv') return 'ajv (configuration schema)';
  if (mod.startsWith('node:') || mod === '(native)' || mod === '(program)') return 'Node internals, native, module loading';
  if (mod === '(regexp)') return 'regular expressions (compiled, run natively)';
  if (mod === '(idle)') return 'idle (waiting on I/O or workers)';
  return `other packages (${mod})`;
}

export function printSummary(s, top = 25) {
  const line = (r) => `${r.ms.toFixed(0).padStart(8)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.key}`;
  console.log(`total sampled: ${(s.total / 1000).toFixed(2)} s\n\nTop self time by function:`);
  for (const r of s.functions.slice(0, top)) console.log(line(r));
  console.log('\nSelf time by area:');
  for (const r of s.areas) console.log(line(r));
  console.log('\nSelf time by module:');
  for (const r of s.modules.slice(0, top)) console.log(line(r));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const dd = args.indexOf('--');
  const own = dd >= 0 ? args.slice(0, dd) : args;
  const extra = dd >= 0 ? args.slice(dd + 1) : [];
  const ti = own.indexOf('--top');
  const top = ti >= 0 ? Number(own[ti + 1]) : 25;
  let files;
  if (own.includes('--run')) {
    const { writeCorpus } = await import('./generate.mjs');
    const corpus = path.join(here, '.corpus', '200');
    writeCorpus(corpus, 200);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'planlint-prof-'));
    const ji = own.indexOf('--jobs');
    const jobs = ji >= 0 ? own[ji + 1] : '1';
    const planlintArgs = extra.length > 0 ? extra : ['--format', 'json', '--jobs', jobs, corpus];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, path.join(root, 'bin', 'planlint.js'), ...planlintArgs], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0 && r.status !== 1) {
      console.error(`planlint exited with ${r.status ?? r.signal}`);
      process.exit(2);
    }
    console.log(`planlint ${planlintArgs.join(' ')}: ${((performance.now() - t0) / 1000).toFixed(1)} s (profiled)\nprofiles in ${dir}\n`);
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  } else {
    files = own.filter((a, i) => !a.startsWith('--') && own[i - 1] !== '--top');
  }
  if (files.length === 0) {
    console.error('usage: node bench/profile.mjs <file.cpuprofile>… | --run [--jobs n] [-- planlint args]');
    process.exit(2);
  }
  // Worker threads write one profile each; the main thread's is summarised with them, each on its own.
  for (const f of files) {
    if (files.length > 1) console.log(`\n== ${path.basename(f)}`);
    printSummary(summarise(JSON.parse(readFileSync(f, 'utf8'))), top);
  }
}
