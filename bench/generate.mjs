// Deterministic generator of plan-like Markdown documents for the benchmark.
//
// Every document depends only on (seed, index): the 200-file corpus is the first 200 documents of the
// 2,000-file one, so the scaling ratio compares like with like. Sentences come from templates × word lists
// (good, measurable goals with stakeholders and dates, and bad ones: tools promoted to goals, platitudes,
// vanity metrics, buzzwords, trend-following), laid out as a plan: title, context, priorities (a numbered
// goal list), initiatives, a KPI table, risks.
//
//   node bench/generate.mjs <folder> [--files 2000] [--seed N]   writes 0000.md … into <folder>/
//   node bench/generate.mjs --big <file> [--mb 20] [--seed N]     writes one large document
import { mkdirSync, writeFileSync, rmSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The generator's own source hash: a corpus written by another version of this file is rewritten. */
export const GENERATOR_VERSION = createHash('sha1').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 12);
export const DEFAULT_SEED = 0x5eed2026;
/** Sizes of corpus documents, in bytes: uniform in [MIN, MAX] → mean 11,500 B (2,000 files ≈ 23 MB). */
export const MIN_BYTES = 3000;
export const MAX_BYTES = 20000;

// ---------------------------------------------------------------------------------------------- PRNG

/** sfc32, seeded through splitmix32: small, fast, and the same on every platform. */
export function prng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** `n` distinct items. */
    some: (list, n) => {
      const copy = list.slice();
      const out = [];
      while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
  return r;
}

/** The seed of document `index` in a corpus seeded with `seed`. */
function docSeed(seed, index) {
  return (Math.imul(seed ^ 0x27d4eb2f, 0x165667b1) + Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

// ----------------------------------------------------------------------------------------- word lists

const PLACE = ['Carrow', 'Northbridge', 'Elmsford', 'Kestrel Bay', 'Ashworth', 'Dunmore', 'Halden', 'Westmere', 'Brackley', 'Penhallow', 'Stanmoor', 'Ravensholt', 'Lindale', 'Corbridge', 'Fenwick', 'Marlow Vale', 'Oakhurst', 'Tidewater', 'Greystone', 'Saltash'];
const KINDS = [
  { org: 'City Council', people: ['residents', 'tenants', 'carers', 'small businesses', 'families'], service: ['housing repairs', 'planning applications', 'bin collections', 'council tax queries', 'adult social care assessments'] },
  { org: 'University', people: ['students', 'researchers', 'first-year students', 'mature students', 'employers'], service: ['marked coursework', 'library loans', 'student support plans', 'placement offers', 'enrolment'] },
  { org: 'Health Trust', people: ['patients', 'nurses', 'GPs', 'carers', 'outpatients'], service: ['outpatient appointments', 'discharge letters', 'test results', 'referrals', 'home visits'] },
  { org: 'Housing Association', people: ['tenants', 'residents', 'contractors', 'older tenants', 'families'], service: ['repairs', 'void lets', 'rent arrears cases', 'damp inspections', 'transfers'] },
  { org: 'Building Society', people: ['members', 'customers', 'brokers', 'first-time buyers', 'savers'], service: ['mortgage offers', 'complaints', 'branch appointments', 'account openings', 'payment holidays'] },
  { org: 'Museum', people: ['visitors', 'schools', 'volunteers', 'members', 'researchers'], service: ['school bookings', 'loan requests', 'gallery tours', 'archive enquiries', 'membership renewals'] },
  { org: 'Foods Ltd', people: ['customers', 'farmers', 'suppliers', 'employees', 'retailers'], service: ['deliveries', 'orders', 'supplier payments', 'recalls', 'quality checks'] },
  { org: 'Library Service', people: ['readers', 'children', 'jobseekers', 'volunteers', 'schools'], service: ['book requests', 'computer sessions', 'reading groups', 'home deliveries', 'study spaces'] },
];
const TOOLS = ['social media', 'a new mobile app', 'a CRM system', 'artificial intelligence', 'the cloud', 'a data lake', 'blockchain', 'a chatbot', 'a new intranet', 'a digital platform', 'a customer portal', 'machine learning', 'big data', 'Microsoft Teams', 'an enterprise social network', 'a new website', 'generative AI', 'robotic process automation'];
const CHANNELS = ['Instagram', 'TikTok', 'LinkedIn', 'Facebook', 'X', 'YouTube'];
const VANITY = [
  (r) => `Reach ${num(r, 5, 200) * 1000} followers on ${r.pick(CHANNELS)}`,
  (r) => `Grow our ${r.pick(CHANNELS)} followers to ${num(r, 10, 90) * 1000} by ${year(r)}`,
  (r) => `Achieve ${num(r, 1, 9)} million page views on the website by ${year(r)}`,
  (r) => `Get ${num(r, 10, 250) * 1000} downloads of the app in its first year`,
  (r) => `Double the number of likes on our ${r.pick(CHANNELS)} posts by ${year(r)}`,
  (r) => `Reach ${num(r, 1, 20)} million impressions across our social channels by ${year(r)}`,
  (r) => `Increase newsletter subscribers to ${num(r, 5, 60) * 1000} by ${month(r)} ${year(r)}`,
];
const PLATITUDES = [
  (r, k) => `Put ${r.pick(k.people)} at the heart of our strategy`,
  (r, k) => `Put ${r.pick(k.people)} at the heart of everything we do`,
  () => 'Foster a culture of excellence in everything we do',
  (r, k) => `Be recognised as a world-class ${k.org.toLowerCase().replace(' ltd', ' company')}`,
  () => 'Strive for excellence in all that we do',
  () => 'Become a truly customer-centric organisation',
  () => 'Deliver best-in-class services that exceed expectations',
  () => 'Be the partner of choice in our region',
  () => 'Embrace innovation and continuous improvement',
  () => 'Create a great place to work where everyone can thrive',
  (r, k) => `Make a real difference to the lives of ${r.pick(k.people)}`,
  () => 'Become a more inclusive and sustainable organisation',
];
const BUZZ = ['leverage synergies', 'drive a paradigm shift', 'move the needle', 'unlock value', 'take a holistic approach', 'deliver game-changing outcomes', 'build a thriving ecosystem', 'harness disruptive innovation', 'deliver scalable solutions', 'pick the low-hanging fruit', 'drive digital transformation', 'become agile at scale', 'create a best-in-class value proposition', 'empower our people through thought leadership'];
const TOOL_GOALS = [
  (r) => `Become a leader in ${bare(r.pick(TOOLS))}`,
  (r) => `Launch ${r.pick(TOOLS)}`,
  (r) => `Implement ${r.pick(TOOLS)} across the organisation by ${year(r)}`,
  (r) => `Be an AI-first organisation by ${year(r)}`,
  () => 'Move all our systems to the cloud',
  (r) => `Be at the forefront of ${bare(r.pick(TOOLS))}`,
  (r) => `Build ${r.pick(TOOLS)} for the whole organisation`,
  (r) => `Roll out ${r.pick(TOOLS)} to every team`,
];
const TRENDS = [
  (r) => `Everyone is on ${r.pick(CHANNELS)} now, so we need a stronger presence there.`,
  (r) => `Our competitors have one, so we will launch ${r.pick(TOOLS)} too.`,
  (r) => `Because everyone is talking about ${bare(r.pick(TOOLS))}, we cannot afford to be left behind.`,
  () => 'We must not miss out on the opportunities that new technology brings.',
];
const VERBS_DOWN = ['Cut', 'Reduce', 'Bring down', 'Shorten'];
const VERBS_UP = ['Raise', 'Increase', 'Grow', 'Lift'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROLES = ['the Director of Operations', 'the Head of Customer Services', 'the Chief Finance Officer', 'the Digital Services team', 'the Head of Housing', 'the Deputy Vice-Chancellor', 'the Chief Nurse', 'the Head of Learning', 'the Programme Board'];
const CONNECT = ['In addition,', 'At the same time,', 'Over the last three years,', 'Since 2021,', 'As a result,', 'However,', 'In practice,', 'Last year,'];
const ADJ = ['significant', 'steady', 'sharp', 'slow', 'persistent', 'uneven', 'growing', 'marked'];
const NOUNS = ['demand', 'cost pressure', 'staff turnover', 'waiting time', 'complaint volume', 'budget gap', 'backlog'];
const WORDS = ['the', 'team', 'reviewed', 'every', 'case', 'and', 'found', 'that', 'most', 'delays', 'came', 'from', 'handoffs', 'between', 'services', 'which', 'rarely', 'shared', 'information', 'so', 'people', 'repeated', 'their', 'story', 'several', 'times', 'before', 'anyone', 'acted', 'on', 'it', 'while', 'managers', 'measured', 'activity', 'rather', 'than', 'results', 'for', 'those', 'they', 'serve'];

function num(r, lo, hi) {
  return r.int(lo, hi);
}
function year(r) {
  return String(r.int(2026, 2031));
}
function month(r) {
  return r.pick(MONTHS);
}
function article(word) {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}
function bare(tool) {
  return tool.replace(/^(a|an|the) (new )?/, '');
}
function pct(r, lo, hi) {
  return `${r.int(lo, hi)}%`;
}

// ---------------------------------------------------------------------------------------- statements

function goodGoal(r, k) {
  const who = r.pick(k.people);
  const svc = r.pick(k.service);
  switch (r.int(0, 5)) {
    case 0: {
      const a = r.int(12, 45);
      return `${r.pick(VERBS_DOWN)} the average time ${who} wait for ${svc} from ${a} days to ${r.int(3, a - 2)} by ${month(r)} ${year(r)}`;
    }
    case 1: {
      const a = r.int(40, 80);
      return `${r.pick(VERBS_UP)} the share of ${who} who get ${svc} right first time from ${a}% to ${r.int(a + 5, 98)}% by ${year(r)}`;
    }
    case 2:
      return `By ${month(r)} ${year(r)}, ${pct(r, 80, 99)} of ${who} have ${svc} completed within ${r.int(2, 15)} working days`;
    case 3: {
      const a = r.int(200, 900);
      return `Halve the backlog of ${svc} from ${a} to ${Math.round(a / 2)} cases by ${year(r)}, so that ${who} are seen sooner`;
    }
    case 4:
      return `Work with ${r.int(5, 60)} local partners to give ${r.int(100, 900)} ${who} a year access to ${svc} by ${year(r)}`;
    default: {
      const a = r.int(3, 12);
      return `${r.pick(VERBS_DOWN)} complaints from ${who} about ${svc} from ${a * 10} a month to ${a * 4} by ${year(r)}, led by ${r.pick(ROLES)}`;
    }
  }
}

function linkedTool(r, k) {
  const tool = r.pick(TOOLS);
  return `Use ${tool} to let ${r.pick(k.people)} track their ${r.pick(k.service)} online, so that calls about progress fall by ${pct(r, 20, 60)} by ${year(r)}.`;
}

function unmeasurable(r, k) {
  return r.pick([
    `Improve the experience of ${r.pick(k.people)} when they contact us about ${r.pick(k.service)}`,
    `Work more closely with ${r.pick(k.people)} to shape our services`,
    `Make ${r.pick(k.service)} simpler and faster for everyone`,
    `Strengthen our relationships with ${r.pick(k.people)}`,
  ]);
}

/** A goal: good or bad in roughly the mix of real plans. */
function goal(r, k) {
  const x = r.next();
  if (x < 0.4) return `${goodGoal(r, k)}.`;
  if (x < 0.55) return `${r.pick(PLATITUDES)(r, k)}.`;
  if (x < 0.68) return `${r.pick(TOOL_GOALS)(r)}.`;
  if (x < 0.8) return `${r.pick(VANITY)(r)}.`;
  if (x < 0.9) return `${unmeasurable(r, k)}.`;
  return `${cap(r.pick(BUZZ))} to ${lower(goodGoal(r, k))}.`;
}

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function lower(s) {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function contextSentence(r, k, org) {
  switch (r.int(0, 7)) {
    case 0:
      return `${org} serves ${r.int(2, 90) * 1000} ${r.pick(k.people)} and employs ${r.int(80, 4000)} staff.`;
    case 1: {
      const a = r.int(70, 95);
      return `The share of ${r.pick(k.service)} completed on time fell from ${a}% to ${a - r.int(4, 20)}% between 2021 and 2024.`;
    }
    case 2:
      return `${r.pick(CONNECT)} ${r.pick(k.people)} waited an average of ${r.int(5, 40)} days for ${r.pick(k.service)}, against a standard of ${r.int(3, 10)}.`;
    case 3:
      return `The main challenge is ${article(r.pick(ADJ))} ${r.pick(NOUNS)}: spending on ${r.pick(k.service)} rose by ${pct(r, 5, 40)} while funding stayed flat.`;
    case 4:
      return `${r.pick(CONNECT)} we have tried to ${r.pick(BUZZ)}, but ${r.pick(k.people)} tell us little has changed for them.`;
    case 5:
      return r.pick(TRENDS)(r);
    case 6: {
      const n = r.int(12, 28);
      const w = [];
      for (let i = 0; i < n; i++) w.push(r.pick(WORDS));
      return `${cap(w.join(' '))}.`;
    }
    default:
      return `A survey of ${r.int(300, 5000)} ${r.pick(k.people)} in ${r.int(2022, 2025)} found that ${pct(r, 20, 70)} did not know who to contact about ${r.pick(k.service)}.`;
  }
}

function paragraph(r, k, org, n) {
  const s = [];
  for (let i = 0; i < n; i++) s.push(contextSentence(r, k, org));
  // Some inline Markdown: emphasis, strong, a link, a code span.
  if (r.chance(0.25)) s[0] = `**${s[0].slice(0, -1)}.**`;
  if (r.chance(0.2)) s.push(`See the [annual report ${r.int(2021, 2025)}](https://example.org/reports/${r.int(100, 999)}) for details.`);
  if (r.chance(0.1)) s.push(`The figures come from the \`${r.pick(['casework', 'finance', 'hr', 'crm'])}_${r.int(1, 9)}\` extract.`);
  if (r.chance(0.15)) s[s.length - 1] = s[s.length - 1].replace(/\.$/, ' — *and this matters*.');
  return s.join(' ');
}

function kpiTable(r, k, rows) {
  const out = ['| KPI | Baseline | Target | Owner | By |', '| --- | ---: | ---: | --- | --- |'];
  for (let i = 0; i < rows; i++) {
    const x = r.next();
    let kpi;
    let base;
    let target;
    if (x < 0.55) {
      kpi = `Days ${r.pick(k.people)} wait for ${r.pick(k.service)}`;
      base = r.int(12, 45);
      target = r.int(3, base - 2);
    } else if (x < 0.8) {
      kpi = `${r.pick(CHANNELS)} followers`;
      base = `${r.int(1, 20)}k`;
      target = `${r.int(21, 90)}k`;
    } else if (x < 0.9) {
      kpi = `Share of ${r.pick(k.people)} satisfied with ${r.pick(k.service)}`;
      base = pct(r, 40, 70);
      target = pct(r, 71, 95);
    } else {
      kpi = 'Page views on the website';
      base = `${r.int(1, 9)}m`;
      target = `${r.int(10, 30)}m`;
    }
    out.push(`| ${kpi} | ${base} | ${target} | ${r.pick(ROLES).replace(/^the /, '')} | ${month(r).slice(0, 3)} ${year(r)} |`);
  }
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------ documents

/** One plan of about `target` bytes (never more), built from blocks under a budget per section. */
export function makeDocument(seed, index, target, { headingBase = 1 } = {}) {
  const r = prng(docSeed(seed, index));
  const k = r.pick(KINDS);
  const org = `${r.pick(PLACE)} ${k.org}`;
  const from = r.int(2024, 2027);
  const h = (d) => '#'.repeat(headingBase + d - 1);
  const parts = [];
  let size = 0;
  const add = (block) => {
    const bytes = Buffer.byteLength(block) + 2;
    if (size + bytes > target) return false;
    parts.push(block);
    size += bytes;
    return true;
  };
  /** Adds blocks from `make` until the section's budget (bytes) is spent or the document is full. */
  const fill = (budget, make) => {
    const end = Math.min(target, size + budget);
    while (size < end) {
      const block = make();
      if (size + Buffer.byteLength(block) + 2 > end) break;
      add(block);
    }
  };

  add(`${h(1)} ${org} — ${r.pick(['Strategic Plan', 'Corporate Strategy', 'Strategy', 'Business Plan', 'Five-Year Plan'])} ${from}–${from + r.int(3, 5)}`);
  if (r.chance(0.3)) add(`> ${r.pick(['Our vision', 'Our ambition', 'Our purpose'])}: ${lower(r.pick(PLATITUDES)(r, k))}.`);

  add(`${h(2)} ${r.pick(['Context', 'Where we are now', 'The challenge', 'Our starting point', 'Context and challenges'])}`);
  fill(target * 0.2, () => paragraph(r, k, org, r.int(2, 6)));

  add(`${h(2)} ${r.pick(['Strategic priorities', 'Goals', 'Our goals', 'Strategic goals', 'Priorities'])}`);
  const goals = [];
  const nGoals = r.int(4, 9);
  for (let i = 0; i < nGoals; i++) {
    const g = goal(r, k);
    goals.push(r.chance(0.3) ? `${i + 1}. **${r.pick(['Customers', 'People', 'Digital', 'Growth', 'Place', 'Quality', 'Finance', 'Partnerships'])}.** ${g}` : `${i + 1}. ${g}`);
  }
  add(goals.join('\n'));
  fill(target * 0.1, () => paragraph(r, k, org, r.int(1, 3)));

  add(`${h(2)} ${r.pick(['Initiatives', 'What we will do', 'Action plan', 'Key initiatives'])}`);
  let n = 0;
  fill(target * 0.4, () => {
    n++;
    const lines = [`${h(3)} ${n}. ${cap(r.pick(TOOLS).replace(/^(a|an) /, ''))} and ${r.pick(k.service)}`, ''];
    lines.push(paragraph(r, k, org, r.int(1, 4)));
    lines.push('');
    const items = r.int(2, 6);
    for (let i = 0; i < items; i++) {
      const x = r.next();
      const text = x < 0.35 ? `${goodGoal(r, k)}.` : x < 0.55 ? linkedTool(r, k) : x < 0.7 ? `${r.pick(TOOL_GOALS)(r)}.` : x < 0.85 ? `${cap(r.pick(BUZZ))}.` : `${unmeasurable(r, k)}.`;
      lines.push(`- ${text}`);
      if (r.chance(0.15)) lines.push(`  - Owner: ${r.pick(ROLES)}; review ${r.pick(['quarterly', 'monthly', 'every six months'])}.`);
    }
    return lines.join('\n');
  });

  add(`${h(2)} ${r.pick(['KPIs', 'Key performance indicators', 'How we will measure success', 'Measures of success'])}`);
  add(kpiTable(r, k, r.int(3, 8)));
  fill(target * 0.1, () => paragraph(r, k, org, r.int(1, 3)));

  add(`${h(2)} ${r.pick(['Risks', 'Risks and dependencies', 'Delivery and governance'])}`);
  fill(target, () => (r.chance(0.5) ? paragraph(r, k, org, r.int(2, 5)) : `- ${goal(r, k)}\n- ${goal(r, k)}\n- ${cap(r.pick(BUZZ))} by ${year(r)}.`));
  return parts.join('\n\n') + '\n';
}

/** Size of corpus document `index`, in bytes. */
export function documentSize(seed, index) {
  const r = prng(docSeed(seed ^ 0xa5a5a5a5, index));
  return r.int(MIN_BYTES, MAX_BYTES);
}

/**
 * Writes `files` documents into `dir` (emptied first), with a `.planlintrc.json` that says `root: true` so
 * no configuration above the folder applies. Skipped when the folder already holds this exact corpus.
 * Returns { files, bytes }.
 */
export function writeCorpus(dir, files, seed = DEFAULT_SEED) {
  const manifest = path.join(dir, '.manifest.json');
  const want = { generator: GENERATOR_VERSION, seed, files };
  if (existsSync(manifest)) {
    try {
      const have = JSON.parse(readFileSync(manifest, 'utf8'));
      if (have.generator === want.generator && have.seed === want.seed && have.files === want.files) return { files, bytes: have.bytes };
    } catch {
      // regenerate
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '.planlintrc.json'), '{ "root": true }\n');
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const text = makeDocument(seed, i, documentSize(seed, i));
    bytes += Buffer.byteLength(text);
    writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.md`), text);
  }
  writeFileSync(manifest, JSON.stringify({ ...want, bytes }) + '\n');
  return { files, bytes };
}

/** One document of about `mb` MB (10^6 bytes): generated plans concatenated as sections of one plan. */
export function writeBigDocument(file, mb = 20, seed = DEFAULT_SEED) {
  const target = Math.round(mb * 1e6);
  const manifest = `${file}.manifest.json`;
  const want = { generator: GENERATOR_VERSION, seed, target };
  if (existsSync(manifest) && existsSync(file)) {
    try {
      const have = JSON.parse(readFileSync(manifest, 'utf8'));
      if (have.generator === want.generator && have.seed === want.seed && have.target === want.target) return { files: 1, bytes: have.bytes };
    } catch {
      // regenerate
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(path.join(path.dirname(file), '.planlintrc.json'), '{ "root": true }\n');
  const chunks = ['# Group Strategy — all divisions\n\n'];
  let bytes = Buffer.byteLength(chunks[0]);
  // Distinct documents (indices past the corpora), each demoted one level: "## <org> — Strategy", "### Goals".
  for (let i = 100000; bytes < target; i++) {
    const doc = makeDocument(seed, i, documentSize(seed, i), { headingBase: 2 }) + '\n';
    chunks.push(doc);
    bytes += Buffer.byteLength(doc);
  }
  writeFileSync(file, chunks.join(''));
  writeFileSync(manifest, JSON.stringify({ ...want, bytes }) + '\n');
  return { files: 1, bytes };
}

// ------------------------------------------------------------------------------------------------ CLI

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const seed = Number(opt('--seed', DEFAULT_SEED));
  const big = opt('--big');
  const t0 = performance.now();
  let out;
  if (big) out = writeBigDocument(path.resolve(big), Number(opt('--mb', 20)), seed);
  else {
    const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
    if (!dir) {
      console.error('usage: node bench/generate.mjs <folder> [--files 2000] [--seed N] | --big <file> [--mb 20]');
      process.exit(2);
    }
    out = writeCorpus(path.resolve(dir), Number(opt('--files', 2000)), seed);
  }
  console.log(`${out.files} file(s), ${(out.bytes / 1e6).toFixed(2)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
