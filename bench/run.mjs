// planlint against the parse floor. `npm run bench` (after `npm run build`), or:
//
//   node bench/run.mjs [--quick] [--peers] [--big] [--big-mb 20] [--runs N] [--out FILE] [--strict]
//
//   --quick    200 files only, 2 runs each, a 1 MB document: a check that the harness works (without it,
//              200 and 2,000 files, a 2 MB document, and 10,000 files once with the default jobs, for memory)
//   --peers    also time textlint (+ textlint-rule-write-good) and alex on the corpora (once each on 2,000
//              files: they take minutes, each between two runs of planlint that it is compared with) and on
//              one file, installed with `npm install --prefix <tmp>/planlint-bench-peers` (outside the project)
//   --big      the linearity check on a 20 MB document (--big-mb to change) instead of 2 MB: slow, because
//              remark-parse itself is superlinear on one very large document; 1 run each
//   --runs N   runs per measurement (default 3; the small-file comparison uses hyperfine with more)
//   --out FILE where the Markdown table goes (default bench/results.md; bench/.out/results-quick.md with --quick)
//   --strict   exit with 1 when a target fails
//
// Every figure is wall time of a fresh process, from spawn to exit, with peak RSS from /usr/bin/time -f %M
// (or, without it, process.resourceUsage().maxRSS reported by the child through bench/rss.mjs). Runs of the
// different commands are interleaved, round by round, so that a shared, noisy machine weighs on the floor
// and on planlint alike; ratios are of medians taken in the same invocation.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, openSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeCorpus, writeBigDocument } from './generate.mjs';
import { PARALLEL_THRESHOLD } from '../dist/src/batch.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const NODE = process.execPath;
const BIN = path.join(root, 'bin', 'planlint.js');
const FLOOR = path.join(here, 'floor.mjs');
const CORPUS = path.join(here, '.corpus');
const OUT = path.join(here, '.out');

// --------------------------------------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const known = new Set(['--quick', '--peers', '--big', '--big-mb', '--runs', '--out', '--strict', '--help', '-h']);
for (const a of argv) {
  if (a.startsWith('-') && !known.has(a)) {
    console.error(`unknown option ${a} (see the head of bench/run.mjs)`);
    process.exit(2);
  }
}
if (flag('--help') || flag('-h')) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}
const QUICK = flag('--quick');
const PEERS = flag('--peers');
const BIG = flag('--big');
const RUNS = Number(value('--runs', QUICK ? 2 : 3));
const BIG_MB = Number(value('--big-mb', BIG ? 20 : QUICK ? 1 : 2));
const BIG_RUNS = BIG ? Math.min(RUNS, 1) : RUNS;
const OUT_FILE = path.resolve(value('--out', QUICK ? path.join(OUT, 'results-quick.md') : path.join(here, 'results.md')));
const STRICT = flag('--strict');
const SIZES = QUICK ? [200] : [200, 2000];
/** The memory target's second size: default jobs once, for its peak RSS and time (not with --quick). */
const MEMORY_FILES = QUICK ? undefined : 10_000;
const PARALLELISM = os.availableParallelism?.() ?? os.cpus().length;

if (!existsSync(path.join(root, 'dist', 'src', 'cli.js'))) {
  console.error('dist/ is missing: run `npm run build` first (npm run bench does).');
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });

/** The newest modification time under dist/: a build by someone else during the run is reported. */
function distStamp() {
  let newest = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(path.join(root, 'dist'));
  return newest;
}
const DIST_AT_START = distStamp();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'planlint-bench-'));

// ------------------------------------------------------------------------------------------ measuring

/** GNU time, if it works here. */
const TIME = (() => {
  for (const t of ['/usr/bin/time']) {
    if (!existsSync(t)) continue;
    const r = spawnSync(t, ['-f', '%M', '-o', path.join(scratch, 'probe'), 'true']);
    if (r.status === 0 && /^\d+/.test(readFileSync(path.join(scratch, 'probe'), 'utf8').trim().split('\n').pop())) return t;
  }
  return undefined;
})();
const RSS_HOOK = pathToFileURL(path.join(here, 'rss.mjs')).href;

let current; // the child running now, killed if we are interrupted
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) try { process.kill(-current.pid, 'SIGKILL'); } catch { /* gone */ }
    rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}

/**
 * Runs `node <args>` once. Returns { ms, rssMB, code, stdout? }. `stdout`: 'ignore' (to /dev/null),
 * 'capture' (small outputs), or a file path. `ok`: accepted exit codes. Throws on any other exit.
 */
function runNode(args, { stdout = 'ignore', ok = [0], cwd = root, timeoutMs, env, tolerate = false } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = path.join(scratch, `rss-${process.hrtime.bigint()}`);
    const nodeArgs = TIME ? args : ['--import', RSS_HOOK, ...args];
    const [cmd, cmdArgs] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, NODE, ...nodeArgs]] : [NODE, nodeArgs];
    let outFd;
    let outSpec = 'ignore';
    if (stdout === 'capture') outSpec = 'pipe';
    else if (stdout !== 'ignore') {
      outFd = openSync(stdout, 'w');
      outSpec = outFd;
    }
    const t0 = performance.now();
    const child = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', outSpec, 'pipe'], detached: true, env: { ...process.env, ...(TIME ? {} : { BENCH_RSS_FILE: rssFile }), NO_COLOR: '1', ...env } });
    current = child;
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
        }, timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      current = undefined;
      if (timer) clearTimeout(timer);
      if (outFd !== undefined) closeSync(outFd);
      let rssMB;
      try {
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        rssMB = Number(lines[lines.length - 1]) / 1024; // KB → MiB
        rmSync(rssFile, { force: true });
      } catch {
        rssMB = undefined;
      }
      if (timedOut) return resolve({ ms, rssMB, code, timedOut: true });
      // GNU time reports the child's exit status as its own.
      if (!ok.includes(code)) {
        // A crash (out of memory, say) is a result when measuring how far a run can go.
        if (tolerate) return resolve({ ms, rssMB, code, failed: `exit ${code ?? signal}`, stderr: err.trim().split('\n').slice(-3).join(' | ') });
        return reject(new Error(`node ${args.join(' ')} exited with ${code ?? signal}\n${err.trim()}`));
      }
      resolve({ ms, rssMB, code, stdout: out });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** All measurements: id → { label, group, files, bytes, runs: [{ms, rssMB}], info?, note? } */
const rows = new Map();
function row(id, props) {
  if (!rows.has(id)) rows.set(id, { id, runs: [], ...props });
  return rows.get(id);
}
function stats(r) {
  if (!r || r.runs.length === 0) return undefined;
  const ms = r.runs.map((x) => x.ms);
  const rss = r.runs.map((x) => x.rssMB).filter((x) => x !== undefined);
  const failed = r.runs.find((x) => x.failed)?.failed;
  return { med: median(ms), min: Math.min(...ms), max: Math.max(...ms), rss: rss.length ? Math.max(...rss) : undefined, timedOut: r.runs.some((x) => x.timedOut), failed, n: ms.length };
}

function log(s) {
  process.stderr.write(s + '\n');
}
const sec = (ms) => (ms >= 100_000 ? (ms / 1000).toFixed(0) : ms >= 10_000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(2));

/** Measures `cmds` ({ id, args, ... }) `runs` times each, interleaved, rotating the order each round. */
async function rounds(cmds, runs, { first = 0, of = runs } = {}) {
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < cmds.length; k++) {
      const c = cmds[(k + r) % cmds.length];
      const res = await runNode(c.args, c.opts);
      const rr = row(c.id);
      rr.runs.push(res);
      log(`  ${rr.label.padEnd(44)} run ${first + r + 1}/${of}: ${sec(res.ms).padStart(6)} s${res.rssMB ? `, ${res.rssMB.toFixed(0)} MB` : ''}${res.timedOut ? ' (timed out)' : ''}${res.failed ? ` (failed: ${res.failed}; ${res.stderr})` : ''}`);
      if (c.check && !c.checked && !res.failed && !res.timedOut) {
        c.check(res);
        c.checked = true;
      }
    }
  }
}

// ------------------------------------------------------------------------------------------- machine

function machine() {
  const cpus = os.cpus();
  let distro = `${os.type()} ${os.release()}`;
  try {
    const rel = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m);
    if (rel) distro = `${rel[1]} (${os.type()} ${os.release()})`;
  } catch { /* not Linux */ }
  let commit = '';
  const g = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (g.status === 0) {
    const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'rules', 'bin'], { cwd: root, encoding: 'utf8' }).stdout.trim() !== '';
    commit = `${g.stdout.trim()}${dirty ? ' + uncommitted changes' : ''}`;
  }
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  return {
    cpu: `${cpus[0]?.model?.trim() ?? 'unknown CPU'}`,
    cores: cpus.length,
    parallelism: PARALLELISM,
    memGB: os.totalmem() / 2 ** 30,
    node: process.version,
    os: distro,
    planlint: `${version}${commit ? ` (${commit})` : ''}`,
    load: os.loadavg(),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

// ------------------------------------------------------------------------------------------------ peers

async function installPeers() {
  const dir = path.join(os.tmpdir(), 'planlint-bench-peers');
  const has = (p) => existsSync(path.join(dir, 'node_modules', p, 'package.json'));
  if (!(has('textlint') && has('textlint-rule-write-good') && has('alex'))) {
    mkdirSync(dir, { recursive: true });
    // Its own package.json, so npm neither walks up into the project nor touches its lock file.
    if (!existsSync(path.join(dir, 'package.json'))) writeFileSync(path.join(dir, 'package.json'), '{ "name": "planlint-bench-peers", "private": true }\n');
    log(`installing textlint, textlint-rule-write-good and alex into ${dir} …`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel', 'error', 'textlint', 'textlint-rule-write-good', 'alex'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`npm install of the peers failed (${r.status})`);
  }
  const pkg = (p) => JSON.parse(readFileSync(path.join(dir, 'node_modules', p, 'package.json'), 'utf8'));
  const binOf = (p, name) => {
    const j = pkg(p);
    const b = typeof j.bin === 'string' ? j.bin : j.bin[name];
    return path.join(dir, 'node_modules', p, b);
  };
  return {
    dir,
    textlint: { bin: binOf('textlint', 'textlint'), version: `textlint ${pkg('textlint').version} + textlint-rule-write-good ${pkg('textlint-rule-write-good').version}` },
    alex: { bin: binOf('alex', 'alex'), version: `alex ${pkg('alex').version}` },
  };
}

// --------------------------------------------------------------------------------------------- the bench

const M = machine();
log(`planlint bench${QUICK ? ' (quick)' : ''}: ${M.cpu}, ${M.cores} cores, Node ${M.node}, load ${M.load.map((x) => x.toFixed(2)).join(' ')}`);
log(`peak RSS from ${TIME ? TIME + ' -f %M' : 'process.resourceUsage() (bench/rss.mjs)'}; results → ${path.relative(process.cwd(), OUT_FILE) || OUT_FILE}`);

const corpora = {};
for (const n of SIZES) {
  const dir = path.join(CORPUS, String(n));
  const t0 = performance.now();
  const { bytes } = writeCorpus(dir, n);
  corpora[n] = { dir, files: n, bytes };
  log(`corpus ${n}: ${(bytes / 1e6).toFixed(1)} MB in ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
const bigFile = path.join(CORPUS, `big-${BIG_MB}mb`, 'plan.md');
const big = { file: bigFile, files: 1, ...writeBigDocument(bigFile, BIG_MB) };
log(`large document: ${(big.bytes / 1e6).toFixed(1)} MB in ${bigFile}`);

const peers = PEERS ? await installPeers() : undefined;
if (peers) log(`peers: ${peers.textlint.version}; ${peers.alex.version}`);

const floorCheck = (want) => (res) => {
  const out = JSON.parse(res.stdout.trim().split('\n').pop());
  if (out.files !== want.files || out.bytes !== want.bytes) throw new Error(`the floor read ${out.files} files, ${out.bytes} B; expected ${want.files}, ${want.bytes}`);
};
const findings = {};

for (const n of SIZES) {
  const c = corpora[n];
  const g = `${n.toLocaleString('en-US')} files`;
  const base = { group: g, files: c.files, bytes: c.bytes };
  log(`\n== ${g}, ${(c.bytes / 1e6).toFixed(1)} MB`);
  const cacheDir = path.join(scratch, `cache-${n}`) + path.sep;
  const cacheArgs = [BIN, '--format', 'json', '--cache', '--cache-location', cacheDir, c.dir];

  row(`floor-${n}`, { ...base, label: 'floor: read + remark-parse' });
  row(`gfm-${n}`, { ...base, label: 'read + remark-parse + remark-gfm', info: true });
  row(`jobs1-${n}`, { ...base, label: 'planlint --jobs 1' });
  row(`default-${n}`, { ...base, label: `planlint, default jobs (${n > PARALLEL_THRESHOLD ? PARALLELISM : 1})` });
  row(`warm-${n}`, { ...base, label: 'planlint --cache, warm re-run' });

  // The cold --cache run fills the cache; its output is kept to check that every file was linted.
  row(`cold-${n}`, { ...base, label: 'planlint --cache, cold (fills it)', info: true });
  const report = path.join(scratch, `report-${n}.json`);
  const cold = await runNode(cacheArgs, { ok: [0, 1], stdout: report });
  rows.get(`cold-${n}`).runs.push(cold);
  log(`  ${'planlint --cache, cold (fills it)'.padEnd(44)} run 1/1: ${sec(cold.ms).padStart(6)} s, ${cold.rssMB?.toFixed(0)} MB`);
  const results = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report);
  const fatal = results.filter((r) => r.messages.some((m) => m.fatal));
  if (results.length !== n || fatal.length > 0) throw new Error(`planlint reported ${results.length} results for ${n} files (${fatal.length} not linted)`);
  const perRule = {};
  for (const r of results) for (const m of r.messages) perRule[m.ruleId] = (perRule[m.ruleId] ?? 0) + 1;
  findings[n] = perRule;

  const want = { files: c.files, bytes: c.bytes };
  const cmds = [
    { id: `floor-${n}`, args: [FLOOR, c.dir], opts: { stdout: 'capture' }, check: floorCheck(want) },
    { id: `jobs1-${n}`, args: [BIN, '--format', 'json', '--jobs', '1', c.dir], opts: { ok: [0, 1] } },
    { id: `default-${n}`, args: [BIN, '--format', 'json', c.dir], opts: { ok: [0, 1] } },
    { id: `warm-${n}`, args: cacheArgs, opts: { ok: [0, 1] } },
    { id: `gfm-${n}`, args: [FLOOR, '--gfm', c.dir], opts: { stdout: 'capture' }, check: floorCheck(want) },
  ];
  const peerCmds = [];
  if (peers) {
    row(`textlint-${n}`, { ...base, label: 'textlint + write-good', info: true, peer: peers.textlint.version });
    row(`alex-${n}`, { ...base, label: 'alex', info: true, peer: peers.alex.version });
    peerCmds.push({ id: `textlint-${n}`, args: [peers.textlint.bin, '--rule', 'write-good', '--format', 'json', path.join(c.dir, '*.md')], opts: { ok: [0, 1], cwd: peers.dir } });
    peerCmds.push({ id: `alex-${n}`, args: [peers.alex.bin, c.dir], opts: { ok: [0, 1], cwd: peers.dir } });
  }
  // The peers take minutes on 2,000 files: there, one run each, after planlint's.
  if (n === 200) cmds.push(...peerCmds);
  await rounds(cmds, RUNS);
  if (n !== 200 && peerCmds.length > 0) {
    // Minutes each: long enough for this machine's speed to drift (the floor's three runs above can differ by
    // half). Each peer runs between two runs of planlint (default jobs) and is compared with their mean.
    row(`around-${n}`, { ...base, label: 'planlint, default jobs, just before and after each peer', info: true });
    const around = { id: `around-${n}`, args: [BIN, '--format', 'json', c.dir], opts: { ok: [0, 1] } };
    const of = peerCmds.length + 1;
    await rounds([around], 1, { first: 0, of });
    for (const [i, p] of peerCmds.entries()) {
      await rounds([p], 1);
      await rounds([around], 1, { first: i + 1, of });
    }
  }
}

// 10,000 files, for the memory target there (300 MB): one run with the default jobs. No floor is timed: the
// row is for memory, and its time is shown as MB/s and files/s.
if (MEMORY_FILES) {
  const n = MEMORY_FILES;
  const dir = path.join(CORPUS, String(n));
  const t0 = performance.now();
  const { bytes } = writeCorpus(dir, n);
  corpora[n] = { dir, files: n, bytes };
  const g = `${n.toLocaleString('en-US')} files`;
  log(`\n== ${g}, ${(bytes / 1e6).toFixed(1)} MB (written or checked in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  row(`default-${n}`, { group: g, files: n, bytes, label: `planlint, default jobs (${n > PARALLEL_THRESHOLD ? PARALLELISM : 1})`, noFloor: true });
  await rounds([{ id: `default-${n}`, args: [BIN, '--format', 'json', dir], opts: { ok: [0, 1] } }], 1);
}

// One large document: the floor and planlint on the same bytes. The floor may take long (remark-parse is
// superlinear on one very large document) and either may run out of memory: both are recorded, not fatal.
// planlint is stopped at 4× the floor (the target is 2×), the floor at an hour.
{
  const g = `one ${BIG_MB} MB document`;
  const base = { group: g, files: 1, bytes: big.bytes };
  log(`\n== ${g}`);
  row('floor-big', { ...base, label: 'floor: read + remark-parse' });
  row('jobs1-big', { ...base, label: 'planlint --jobs 1' });
  const want = { files: 1, bytes: big.bytes };
  const floorOpts = { stdout: 'capture', tolerate: true, timeoutMs: 3_600_000 };
  await rounds([{ id: 'floor-big', args: [FLOOR, big.file], opts: floorOpts, check: floorCheck(want) }], 1, { of: BIG_RUNS });
  const fb = stats(rows.get('floor-big'));
  const limit = Math.max(60_000, 4 * fb.med);
  const bigOpts = { ok: [0, 1], timeoutMs: limit, tolerate: true };
  await rounds([{ id: 'jobs1-big', args: [BIN, '--format', 'json', '--jobs', '1', big.file], opts: bigOpts }], 1, { of: BIG_RUNS });
  if (BIG_RUNS > 1) {
    // Remaining runs interleaved.
    await rounds(
      [
        { id: 'floor-big', args: [FLOOR, big.file], opts: floorOpts },
        { id: 'jobs1-big', args: [BIN, '--format', 'json', '--jobs', '1', big.file], opts: bigOpts },
      ],
      BIG_RUNS - 1,
      { first: 1, of: BIG_RUNS },
    );
  }
}

// One small file against starting Node with nothing: hyperfine if present, else a loop here.
const small = (() => {
  const dir = corpora[200].dir;
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const pick = files.find((f) => {
    const s = statSync(path.join(dir, f)).size;
    return s >= 3000 && s <= 5000;
  }) ?? files[0];
  const file = path.join(dir, pick);
  return { file, bytes: statSync(file).size };
})();
const smallCmds = [
  { id: 'node', label: 'node -e 0', args: ['-e', '0'] },
  { id: 'small', label: 'planlint, one file', args: [BIN, '--format', 'json', small.file] },
];
// The same file where no configuration file applies (if none is found above the scratch folder): what a
// configuration file costs to load and validate.
{
  const dir = path.join(scratch, 'one');
  mkdirSync(dir);
  const copy = path.join(dir, 'plan.md');
  writeFileSync(copy, readFileSync(small.file));
  let configured = false;
  for (let d = dir; ; d = path.dirname(d)) {
    if (['.planlintrc.json', '.planlintrc.yaml', '.planlintrc.yml'].some((f) => existsSync(path.join(d, f)))) configured = true;
    try {
      if (JSON.parse(readFileSync(path.join(d, 'package.json'), 'utf8')).planlint !== undefined) configured = true;
    } catch { /* none */ }
    if (path.dirname(d) === d) break;
  }
  if (!configured) smallCmds.push({ id: 'small-nocfg', label: 'planlint, same file, no configuration file', args: [BIN, '--format', 'json', copy], info: true });
}
if (peers) {
  smallCmds.push({ id: 'textlint-1', label: 'textlint + write-good, one file', args: [peers.textlint.bin, '--rule', 'write-good', small.file], cwd: peers.dir, info: true });
  smallCmds.push({ id: 'alex-1', label: 'alex, one file', args: [peers.alex.bin, small.file], cwd: peers.dir, info: true });
}
{
  const g = `one file (${(small.bytes / 1000).toFixed(1)} KB)`;
  log(`\n== ${g}: ${path.relative(root, small.file)}`);
  const runs = QUICK ? 10 : 30;
  const warmup = QUICK ? 2 : 5;
  for (const c of smallCmds) row(c.id, { group: g, files: 1, bytes: small.bytes, label: c.label, info: c.info, small: true });
  // Exit codes and peak RSS, one run each (and the check that every command works).
  const rss = {};
  for (const c of smallCmds) rss[c.id] = (await runNode(c.args, { ok: [0, 1], cwd: c.cwd ?? root })).rssMB;
  const hyperfine = spawnSync('hyperfine', ['--version'], { encoding: 'utf8' }).status === 0 && !/\s/.test(NODE + smallCmds.map((c) => c.args.join('')).join(''));
  if (hyperfine) {
    // hyperfine runs one command's runs, then the next one's: on a machine whose speed drifts by tens of
    // milliseconds over a minute, that drift would land in the difference between commands. So the runs are
    // split into rounds, each running every command in turn, and each command's times are pooled.
    const ROUNDS = 3;
    for (const c of smallCmds) rows.get(c.id).runs = [];
    for (let round = 0; round < ROUNDS; round++) {
      const json = path.join(OUT, `small-file.hyperfine.${round + 1}.json`);
      const hargs = ['--shell=none', '--warmup', String(warmup), '--runs', String(Math.ceil(runs / ROUNDS)), '--ignore-failure', '--style', 'basic', '--export-json', json];
      // hyperfine runs every command in the working folder of its own; peers resolve rules from theirs.
      for (const c of smallCmds) hargs.push('-n', c.label, [NODE, ...c.args].join(' '));
      log(`  round ${round + 1} of ${ROUNDS}: hyperfine ${hargs.slice(0, 9).join(' ')} …`);
      const r = spawnSync('hyperfine', hargs, { cwd: peers?.dir ?? root, stdio: ['ignore', 2, 2] });
      if (r.status !== 0) throw new Error('hyperfine failed');
      const data = JSON.parse(readFileSync(json, 'utf8'));
      data.results.forEach((res, i) => rows.get(smallCmds[i].id).runs.push(...res.times.map((t) => ({ ms: t * 1000 }))));
    }
    for (const c of smallCmds) {
      rows.get(c.id).runs[0].rssMB = rss[c.id];
      rows.get(c.id).tool = 'hyperfine';
    }
  } else {
    for (let i = 0; i < warmup; i++) for (const c of smallCmds) await runNode(c.args, { ok: [0, 1], cwd: c.cwd ?? root });
    await rounds(smallCmds.map((c) => ({ id: c.id, args: c.args, opts: { ok: [0, 1], cwd: c.cwd ?? root } })), runs);
  }
}

// --------------------------------------------------------------------------------------------- report

const fmtMB = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1000).toFixed(1)} KB`);
const floorOf = (r) => (r.group.startsWith('one file') || r.noFloor ? undefined : r.id.endsWith('-big') ? 'floor-big' : `floor-${r.files}`);
const ratio = (id, floorId) => {
  const a = stats(rows.get(id));
  const b = stats(rows.get(floorId));
  return a && b ? a.med / b.med : undefined;
};

const lines = [];
lines.push('| Run | Input | Wall time, median (min–max) | MB/s | files/s | Peak RSS | × floor |');
lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows.values()) {
  const s = stats(r);
  if (!s) continue;
  const isSmall = r.small;
  const wall = isSmall ? `${s.med.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})` : s.failed ? `failed (${s.failed}) after ${sec(s.max)} s` : `${s.timedOut ? 'stopped at > ' : ''}${sec(s.med)} s (${sec(s.min)}–${sec(s.max)})`;
  const mbs = (r.bytes / 1e6 / (s.med / 1000)).toFixed(2);
  const fps = (r.files / (s.med / 1000)).toFixed(r.files / (s.med / 1000) >= 100 ? 0 : 1);
  const f = floorOf(r);
  const x = f && f !== r.id ? `${ratio(r.id, f).toFixed(2)}×` : f === r.id ? '1.00×' : isSmall && r.id !== 'node' ? `+${(s.med - stats(rows.get('node')).med).toFixed(0)} ms vs node -e 0` : '';
  const label = `${r.label}${r.info && !r.peer ? ' *(info)*' : ''}${r.peer ? ` *(${r.peer})*` : ''}${s.n === 1 ? ' *(1 run)*' : ''}`;
  lines.push(`| ${label} | ${r.group}, ${fmtMB(r.bytes)} | ${wall} | ${isSmall ? '' : mbs} | ${isSmall ? '' : fps} | ${s.rss !== undefined ? `${s.rss.toFixed(0)} MB` : ''} | ${x} |`);
}

// Targets (issue 6): ratios taken in this invocation.
const N = QUICK ? 200 : 2000;
const atN = QUICK ? ' *(200 files: the target is set at 2,000)*' : '';
const targets = [];
const target = (name, measured, pass) => targets.push({ name, measured, verdict: pass === undefined ? 'SKIP' : pass ? 'PASS' : 'FAIL' });
const x2 = (v) => (v === undefined ? 'n/a' : `${v.toFixed(2)}×`);
{
  const j = ratio(`jobs1-${N}`, `floor-${N}`);
  target(`\`--jobs 1\` ≤ 1.5× floor${atN}`, x2(j), j <= 1.5);
  const d = ratio(`default-${N}`, `floor-${N}`);
  target(`default jobs (${PARALLELISM}) ≤ 1.0× floor${atN}`, x2(d), d <= 1.0);
  const w = ratio(`warm-${N}`, `floor-${N}`);
  target(`warm \`--cache\` re-run ≤ 0.1× floor${atN}`, x2(w), w <= 0.1);
  const sm = stats(rows.get('small'));
  const nd = stats(rows.get('node'));
  const extra = sm.med - nd.med;
  target('one small file ≤ `node -e 0` + 150 ms', `+${extra.toFixed(0)} ms (${sm.med.toFixed(0)} vs ${nd.med.toFixed(0)} ms)`, extra <= 150);
  const peak = Math.max(...[`jobs1-${N}`, `default-${N}`, `warm-${N}`, `cold-${N}`].map((id) => stats(rows.get(id))?.rss ?? 0));
  target(`peak RSS ≤ 250 MB at 2,000 files${atN}`, `${peak.toFixed(0)} MB (max over planlint runs)`, peak <= 250);
  if (MEMORY_FILES) {
    const m = stats(rows.get(`default-${MEMORY_FILES}`));
    target(`peak RSS ≤ 300 MB at ${MEMORY_FILES.toLocaleString('en-US')} files (default jobs, one run)`, `${m.rss.toFixed(0)} MB (${sec(m.med)} s)`, m.rss <= 300);
  } else target('peak RSS ≤ 300 MB at 10,000 files', 'not measured with --quick', undefined);
  if (!QUICK) {
    const a = stats(rows.get('jobs1-200'));
    const b = stats(rows.get('jobs1-2000'));
    const fa = stats(rows.get('floor-200'));
    const fb = stats(rows.get('floor-2000'));
    target('10× the files ≤ 11× the time (`--jobs 1`, 200 → 2,000)', `${(b.med / a.med).toFixed(2)}× (floor: ${(fb.med / fa.med).toFixed(2)}×)`, b.med / a.med <= 11);
  } else target('10× the files ≤ 11× the time', 'not measured with --quick', undefined);
  if (peers) {
    // The issue's title: at least ten times faster than the prose linters, on the corpus the issue times them
    // on (2,000 files), as each is run by default (neither textlint nor alex has a way to use more threads);
    // planlint's --jobs 1 ratio is shown beside.
    // Each peer against the mean of planlint's runs just before and after it; the medians of the rounds above
    // are shown beside.
    const pl = stats(rows.get(`default-${N}`)).med;
    const one = stats(rows.get(`jobs1-${N}`)).med;
    const tl = stats(rows.get(`textlint-${N}`)).med;
    const ax = stats(rows.get(`alex-${N}`)).med;
    const near = rows.get(`around-${N}`).runs.map((r) => r.ms);
    const rt = tl / ((near[0] + near[1]) / 2);
    const ra = ax / ((near[1] + near[2]) / 2);
    target(
      `≥ 10× faster than textlint and alex (default jobs, ${N.toLocaleString('en-US')} files)`,
      `textlint takes ${rt.toFixed(1)}×, alex ${ra.toFixed(1)}× the time of planlint's runs just before and after each (against the medians above: default jobs ${(tl / pl).toFixed(1)}×, ${(ax / pl).toFixed(1)}×; \`--jobs 1\` ${(tl / one).toFixed(1)}×, ${(ax / one).toFixed(1)}×)`,
      Math.min(rt, ra) >= 10,
    );
  }
  const bg = ratio('jobs1-big', 'floor-big');
  const sb = stats(rows.get('jobs1-big'));
  const sf = stats(rows.get('floor-big'));
  const bigName = `one ${BIG_MB} MB document ≤ 2× floor${BIG_MB !== 20 ? ' *(the target is set at 20 MB: `--big`)*' : ''}`;
  if (sf.failed || sf.timedOut) target(bigName, `the floor itself ${sf.failed ? `failed (${sf.failed})` : 'timed out'} after ${sec(sf.max)} s`, undefined);
  else if (sb.failed) target(bigName, `planlint failed (${sb.failed}) after ${sec(sb.max)} s`, false);
  else {
    // The floor is itself superlinear on one large document (micromark), so also compare planlint's own
    // throughput on the document with its throughput on the corpus: a linear planlint keeps the same MB/s.
    const corpus = stats(rows.get(`jobs1-${N}`));
    const own = `planlint ${(big.bytes / 1e6 / (sb.med / 1000)).toFixed(2)} MB/s on it vs ${(corpora[N].bytes / 1e6 / (corpus.med / 1000)).toFixed(2)} MB/s on ${N.toLocaleString('en-US')} files`;
    target(bigName, `${sb.timedOut ? '> ' : ''}${x2(bg)} (${own})`, sb.timedOut ? false : bg <= 2);
  }
}
const tlines = ['| Target | Measured | |', '| --- | --- | --- |', ...targets.map((t) => `| ${t.name} | ${t.measured} | ${t.verdict} |`)];

const M2 = { ...M, loadEnd: os.loadavg(), distChanged: distStamp() !== DIST_AT_START };
const machineLine = `${M.cpu}, ${M.cores} cores (${M.parallelism} available), ${M.memGB.toFixed(0)} GB; Node ${M.node}; ${M.os}. planlint ${M.planlint}. ${M.date}, load average ${M.load[0].toFixed(2)} at start, ${M2.loadEnd[0].toFixed(2)} at end.`;
const perRule = findings[N] ? Object.entries(findings[N]).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ') : '';
const md = [
  `## Performance${QUICK ? ' (quick run)' : ''}`,
  '',
  `Machine: ${machineLine}`,
  '',
  ...lines,
  '',
  ...tlines,
  '',
  `Generated corpus (\`bench/generate.mjs\`, fixed seed): ${SIZES.map((n) => `${n.toLocaleString('en-US')} files, ${fmtMB(corpora[n].bytes)}`).join('; ')}; findings on ${N.toLocaleString('en-US')} files: ${perRule}.`,
  `Wall time of a fresh process from spawn to exit (${RUNS} run${RUNS === 1 ? '' : 's'} each, interleaved${BIG_RUNS !== RUNS ? `, ${BIG_RUNS} for the large document` : ''}; the one-file rows: ${rows.get('small').tool === 'hyperfine' ? 'hyperfine in 3 rounds, each running every command in turn' : 'a loop'}, ${rows.get('small').runs.length} runs). MB/s in 10^6 bytes; peak RSS (MiB) is the largest over the runs, worker threads included. The floor reads and parses every file with unified + remark-parse and nothing else; "× floor" is the ratio of medians to the floor measured in the same invocation. Rows marked *info* have no target.`,
  '',
];
if (M2.distChanged) md.push('**dist/ was rebuilt during this run: the figures mix two builds of planlint.**', '');
const text = md.join('\n');
mkdirSync(path.dirname(OUT_FILE), { recursive: true });
writeFileSync(OUT_FILE, text);
writeFileSync(path.join(OUT, QUICK ? 'results-quick.json' : 'results.json'), JSON.stringify({ machine: M2, options: { QUICK, PEERS, BIG_MB, RUNS }, rows: [...rows.values()].map((r) => ({ ...r, stats: stats(r) })), targets, findings }, null, 2) + '\n');

process.stdout.write('\n' + text + '\n');
for (const t of targets) process.stdout.write(`${t.verdict.padEnd(4)}  ${t.name.replace(/\*|`/g, '')}: ${t.measured}\n`);
process.stdout.write(`\nwritten: ${path.relative(process.cwd(), OUT_FILE) || OUT_FILE}\n`);
rmSync(scratch, { recursive: true, force: true });
if (STRICT && targets.some((t) => t.verdict === 'FAIL')) process.exitCode = 1;
