/**
 * Hostile input (issue 7). A consultant lints plans they did not write and CI lints whatever a pull
 * request brings, so:
 * - no regular expression planlint uses can backtrack catastrophically (each is checked with recheck), and
 *   no rule slows to a crawl on text built to make it (adversarial documents under a time bound);
 * - documents are data: whatever a plan holds, JSON and SARIF carry it back exactly, GitHub annotations
 *   stay one command each, and terminal formats print no control characters from it;
 * - configuration is data: no code in a configuration file, a document or the linted repository ever runs,
 *   no `.env` file is read, and no setting comes from the environment (the built CLI is run with a preload
 *   that logs every file opened and every environment variable read, in every thread).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { checkSync } from 'recheck';
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { lintPlanBytes } from '../src/batch.js';
import { ConfigResolver } from '../src/config.js';
import { parseDirectives } from '../src/directives.js';
import { loadLexicon, phraseUnits, withLexiconChanges } from '../src/lexicon.js';
import { blankComments } from '../src/parse/text.js';
import { splitSentences } from '../src/nlp.js';
import { formatters, type FormatContext } from '../src/formatters/index.js';
import { printable } from '../src/formatters/printable.js';
import type { Notice } from '../src/files.js';
import type { LintResult } from '../src/types.js';
import { withoutConnectorTail } from '../rules/no-trend-justification.js';
import { ABBREVIATIONS } from '../src/sentences.js';
import { BIN, ROOT } from './helpers.js';

// =====================================================================================================
// 1. Regular expressions: every one planlint uses, checked with recheck
// =====================================================================================================

interface Pattern {
  /** `file:line` of each place the pattern appears. */
  where: string[];
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...tsFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/**
 * The value of a string expression, where it is known from the source alone: literals, templates and `+`
 * of them, and `const` names of this file bound to such values. Undefined otherwise.
 */
function staticString(node: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): string | undefined {
  if (depth > 20) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return staticString(node.expression, consts, depth + 1);
  if (ts.isTemplateExpression(node)) {
    let s = node.head.text;
    for (const span of node.templateSpans) {
      const v = staticString(span.expression, consts, depth + 1);
      if (v === undefined) return undefined;
      s += v + span.literal.text;
    }
    return s;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = staticString(node.left, consts, depth + 1);
    const b = staticString(node.right, consts, depth + 1);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  if (ts.isIdentifier(node)) {
    const init = consts.get(node.text);
    return init ? staticString(init, consts, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * `RegExp` calls whose pattern depends on values known only when they run, each with the values it can
 * take (as instances to check) and why those are all. Keyed by file and the start of the call's code.
 */
const DYNAMIC_PATTERNS: Array<{ file: string; code: string; why: string; instances: Array<[string, string]> }> = [
  {
    file: 'src/sentences.ts',
    code: 'new RegExp(`(${ABBREVIATIONS',
    why: 'natural’s abbreviation pattern: the fixed ABBREVIATIONS list, escaped, as alternatives',
    instances: [[`(${ABBREVIATIONS.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi']],
  },
  {
    file: 'src/parse/markdown.ts',
    code: 'new RegExp(`^ {0,3}${marker[0]',
    why: 'the closing fence of a code block: ` or ~ at least as many times as the opening fence (3 or more); only the count varies',
    instances: [
      ['^ {0,3}`{3,}[ \\t]*$', ''],
      ['^ {0,3}~{3,}[ \\t]*$', ''],
      ['^ {0,3}`{40,}[ \\t]*$', ''],
    ],
  },
  {
    file: 'src/parse/markdown.ts',
    code: 'new RegExp(`</${html[1]',
    why: "the end of an HTML block: html[1] is group 1 of HTML_BLOCK_RE, one of script, pre, style, textarea",
    instances: ['script', 'pre', 'style', 'textarea'].map((n) => [`</${n}>`, 'i']),
  },
  {
    file: 'src/parse/html.ts',
    code: 'new RegExp(`</${name}[\\\\s/>]`',
    why: 'the end tag of a raw-text element: name is one of RAW_TEXT_ELEMENTS, letters only',
    instances: ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext'].map((n) => [`</${n}[\\s/>]`, 'gi']),
  },
];

/**
 * Every regular expression in src/ and rules/: the literals, each `new RegExp(…)` / `RegExp(…)` whose
 * pattern is built from literals and constants of its file, and the instances of the calls listed in
 * DYNAMIC_PATTERNS. A `RegExp` call whose pattern cannot be known from the source and is not listed there
 * is returned in `unknown`, and fails the test below: it must be checked where its text comes from.
 */
function collectPatterns(): { patterns: Pattern[]; unknown: string[]; unusedDynamic: string[] } {
  const byKey = new Map<string, Pattern>();
  const unknown: string[] = [];
  const usedDynamic = new Set<(typeof DYNAMIC_PATTERNS)[number]>();
  const add = (source: string, flags: string, where: string): void => {
    const key = `/${source}/${flags}`;
    const p = byKey.get(key);
    if (p) p.where.push(where);
    else byKey.set(key, { where: [where], source, flags });
  };
  for (const file of [...tsFiles(path.join(ROOT, 'src')), ...tsFiles(path.join(ROOT, 'rules'))]) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const rel = path.relative(ROOT, file);
    const at = (n: ts.Node): string => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const consts = new Map<string, ts.Expression>();
    const gather = (n: ts.Node): void => {
      if (ts.isVariableDeclarationList(n) && n.flags & ts.NodeFlags.Const) {
        for (const d of n.declarations) if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
      }
      ts.forEachChild(n, gather);
    };
    gather(sf);
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = (n as ts.RegularExpressionLiteral).text;
        const slash = text.lastIndexOf('/');
        add(text.slice(1, slash), text.slice(slash + 1), at(n));
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [patternArg, flagsArg] = n.arguments ?? [];
        const source = patternArg ? staticString(patternArg, consts) : undefined;
        const flags = flagsArg ? staticString(flagsArg, consts) : '';
        if (source !== undefined && flags !== undefined) add(source, flags, at(n));
        else {
          const code = n.getText(sf);
          const known = DYNAMIC_PATTERNS.find((d) => d.file === rel.split(path.sep).join('/') && code.startsWith(d.code));
          if (!known) unknown.push(`${at(n)}: ${code.slice(0, 100)}`);
          else {
            usedDynamic.add(known);
            for (const [s, f] of known.instances) add(s, f, `${at(n)} (dynamic)`);
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { patterns: [...byKey.values()], unknown, unusedDynamic: DYNAMIC_PATTERNS.filter((d) => !usedDynamic.has(d)).map((d) => `${d.file}: ${d.code}`) };
}

/**
 * Patterns recheck may answer `unknown` for (it gave up: too large, or a feature it does not model), each
 * with the reason it is safe all the same. Empty: every pattern is proven `safe`. An entry is keyed by
 * `/source/flags`, and must still exist in the code.
 */
const UNKNOWN_ALLOWED: Record<string, string> = {};

/**
 * recheck's time budget per pattern. Most take under 0.1 s; the largest alternations take 2–3 s on a busy
 * 2-core machine. Running out of time gives `unknown`, which fails unless allowed above.
 */
const RECHECK_TIMEOUT_MS = 30_000;

describe('regular expressions', () => {
  const { patterns, unknown, unusedDynamic } = collectPatterns();

  it('are all found: literals, and RegExp calls with patterns known from the source or listed with their values', () => {
    expect(unknown, 'RegExp built from text not known in the source: list it in DYNAMIC_PATTERNS with every value it can take').toEqual([]);
    expect(unusedDynamic, 'DYNAMIC_PATTERNS entries matching no call any more').toEqual([]);
    // A sanity check that the walk sees the code: well over a hundred patterns, among them these.
    expect(patterns.length).toBeGreaterThan(100);
    const sources = patterns.map((p) => p.source);
    expect(sources.some((s) => s.startsWith('(?<!\\b(?:that|which|who)\\s+)'))).toBe(true); // classify.ts: MODAL_RE
    expect(sources.some((s) => s.startsWith('\\b(?:by|in|before|until|during)\\s+((?:the\\s+)?'))).toBe(true); // rewrite.ts: new RegExp(`…${MONTH}…`)
  });

  it('lexicons (bundled, or changed by configuration) compile to word stems, never to regular expressions', () => {
    const names = readdirSync(path.join(ROOT, 'rules', 'data'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length));
    expect(names.length).toBeGreaterThan(5);
    const hostileTerm = '(a+)+$ ^(\\w+\\s?)*$ [^x]*x*';
    const lexicons = [
      ...names.map((n) => loadLexicon(n)),
      withLexiconChanges({ tools: { add: [hostileTerm] } }, () => loadLexicon('tools')),
    ];
    const seen: string[] = [];
    const walk = (v: unknown, where: string): void => {
      if (v instanceof RegExp || typeof v === 'function') seen.push(where);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
    };
    for (const lex of lexicons) {
      walk(lex, lex.name);
      for (const e of lex.entries) for (const unit of e.pattern) expect(unit === null || typeof unit === 'string').toBe(true);
    }
    expect(seen).toEqual([]);
    const added = lexicons.at(-1)!.entries.find((e) => e.term === hostileTerm)!;
    expect(added.pattern.every((u) => typeof u === 'string')).toBe(true);
  });

  it('every allowance for an `unknown` verdict names a pattern still in the code', () => {
    const keys = new Set(patterns.map((p) => `/${p.source}/${p.flags}`));
    for (const k of Object.keys(UNKNOWN_ALLOWED)) expect(keys.has(k), `stale allowance: ${k}`).toBe(true);
  });

  // One test per pattern, so that a report names the pattern, where it is, and recheck's attack string.
  for (const p of patterns) {
    it(`recheck: /${p.source.length > 70 ? `${p.source.slice(0, 67)}…` : p.source}/${p.flags} (${p.where[0]}${p.where.length > 1 ? ` +${p.where.length - 1}` : ''})`, () => {
      const d = checkSync(p.source, p.flags, { timeout: RECHECK_TIMEOUT_MS });
      const key = `/${p.source}/${p.flags}`;
      if (d.status === 'unknown' && UNKNOWN_ALLOWED[key]) return;
      const detail =
        d.status === 'vulnerable'
          ? `vulnerable (${d.complexity.type}), attack: ${d.attack.pattern}`
          : d.status === 'unknown'
            ? `unknown (${d.error.kind}${'message' in d.error ? `: ${String(d.error.message)}` : ''})`
            : 'safe';
      expect(detail, `${key} at ${p.where.join(', ')}`).toBe('safe');
    }, RECHECK_TIMEOUT_MS + 10_000);
  }
});

// The patterns rewritten to be safe match exactly what the old ones did: each new form against the old
// one, on random strings over the characters that matter to it.
describe('patterns rewritten for linear time match what they replaced', () => {
  const runs = { numRuns: 3000, seed: 7 };
  const from = (tokens: string[], maxLength = 14): fc.Arbitrary<string> => fc.array(fc.constantFrom(...tokens), { maxLength }).map((a) => a.join(''));

  it('no-trend-justification: the connector tail', () => {
    const OLD = /[\s,;:—–-]*(?:\b(?:because|since|as|so|simply|just|and|to|in order to|only)\b[\s,]*)*$/i;
    const tokens = ['because', 'since', 'as', 'so', 'simply', 'just', 'and', 'to', 'in order to', 'in', 'order', 'only', 'Because', 'SO', 'ſo', '\u212Aust', 'has', 'also', 'x', ' ', ',', ';', ':', '—', '–', '-', '\n', '_', '1', '.', 'é'];
    fc.assert(fc.property(from(tokens), (s) => withoutConnectorTail(s) === s.replace(OLD, '')), runs);
  });

  it('plain text: blanking HTML comments', () => {
    const OLD = (s: string): string => s.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\r\n]/g, ' '));
    fc.assert(fc.property(from(['<!--', '-->', '<!-->', '<!--->', '-', '>', '<', '!', 'a', '\n', '\r', ' ']), (s) => blankComments(s) === OLD(s)), runs);
  });

  it('directives: the comments found, their kinds and rule lists', () => {
    const OLD = /<!--\s*planlint-(disable-next-line|disable-file|disable|enable)\b((?:(?!-->)[\s\S])*)-->/g;
    const at = (offset: number): { line: number; column: number; offset: number } => ({ line: 1, column: offset + 1, offset });
    const tokens = ['<!--', '-->', ' ', '\n', 'planlint-', 'disable', 'enable', '-next-line', '-file', 'no-buzzword', ',', ' -- ', 'x', '-', '>'];
    fc.assert(
      fc.property(from(tokens, 16), (s) => {
        const got = parseDirectives(s, 'markdown', at).map((d) => [d.column - 1, d.text, d.kind]);
        const want = [...s.matchAll(OLD)].map((m) => [m.index, m[0], m[1]]);
        expect(got).toEqual(want);
      }),
      runs,
    );
  });

  it('lexicon phrases: trimming units', () => {
    const OLD = (w: string): string => w.replace(/^[^\p{L}\p{N}*]+|[^\p{L}\p{N}*]+$/gu, '');
    const oldUnits = (term: string): string[] =>
      term
        .replace(/’/g, "'")
        .split(/[\s\-/]+/)
        .map(OLD)
        .filter((w) => w.length > 0);
    fc.assert(fc.property(from(['a', '.', '*', "'", '’', '1', 'é', '😀', '-', ' ', '/', '(', ')']), (s) => {
          expect(phraseUnits(s)).toEqual(oldUnits(s));
        }), runs);
  });

  it('suggestions: trailing punctuation', () => {
    const T_OLD = /[.;:\s]+$/;
    const T_NEW = /(?<![.;:\s])[.;:\s]+$/;
    fc.assert(fc.property(from(['a', '.', ';', ':', ' ', '\n', '\t', 'x']), (s) => s.replace(T_NEW, '') === s.replace(T_OLD, '')), runs);
  });

  it('sentences of paragraphs natural is not given: the same, and no longer cut short at a full stop inside a word', () => {
    // nlp.ts simpleSentences before: a sticky loop that stopped where no sentence end matched ("3.5").
    const oldSpans = (text: string): { spans: Array<[number, number]>; whole: boolean } => {
      const re = /[^.!?]*(?:[.!?]+["'”’)\]]?(?=\s|$)|[^.!?]*$)/gy;
      const parts: string[] = [];
      let m: RegExpExecArray | null;
      let last = -1;
      while ((m = re.exec(text)) !== null && re.lastIndex !== last) {
        last = re.lastIndex;
        if (m[0]) parts.push(m[0]);
        if (re.lastIndex >= text.length) break;
      }
      const spans: Array<[number, number]> = [];
      let cursor = 0;
      // (When it stopped at once, the old code took the whole text as one sentence.)
      for (const part of parts) {
        const trimmed = part.trim();
        if (!trimmed) continue;
        const at = text.indexOf(trimmed, cursor);
        spans.push([at, at + trimmed.length]);
        cursor = at + trimmed.length;
      }
      return { spans, whole: parts.join('') === text };
    };
    // Past 20,000 characters a paragraph always goes to the linear splitter.
    const PAD = ` ${'z'.repeat(20_001)}`;
    fc.assert(
      fc.property(from(['a', 'b', ' ', '.', '!', '?', '"', "'", '”', ')', ']', '\n', 'x.y', '3.5']), (s) => {
        const text = s + PAD;
        const before = oldSpans(text);
        const now = splitSentences(text);
        // Where the old loop reached the end, the same sentences; where it stopped, the same up to there.
        if (before.whole) expect(now).toEqual(before.spans);
        else expect(now.slice(0, before.spans.length)).toEqual(before.spans);
        // And now every sentence is there: the last one ends with the text.
        expect(now.at(-1)?.[1]).toBe(text.length);
      }),
      { numRuns: 400, seed: 7 },
    );
    const lost = `${'We grew. '.repeat(2_300)}Sales rose 3.5 percent. Become a leader in social media.`;
    expect(splitSentences(lost).at(-1)).toEqual([lost.length - 'Become a leader in social media.'.length, lost.length]);
  });
});

// =====================================================================================================
// 2. Adversarial documents: every rule, every format, under a time bound
// =====================================================================================================

/**
 * Size of each adversarial document, and the time it must be linted in (all rules, parsing, directives
 * and scoring: what one file of a batch costs).
 *
 * The bound: ordinary plans lint at 125–400 KB/s on a busy 2-core CI machine (1 MB of the fixtures took
 * 2.6–8 s here, Markdown being the slowest), so 100 KB takes under 1 s. 4 s leaves room for a loaded
 * machine, while what this guards against is far beyond it: before the fixes, quadratic backtracking and
 * quadratic loops took 5–460 s on these documents (a paragraph of "a." 19,990 characters long kept natural's
 * sentence splitter busy for minutes). recheck above is the precise check for the regular expressions;
 * this one catches blow-ups anywhere: a pattern, a dependency (the Markdown parser, natural) or a loop.
 */
const SIZE = 100_000;
const BOUND_MS = 4_000;

/** `unit` repeated to `n` characters. */
const fill = (unit: string, n = SIZE): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
/** Paragraphs just under natural's 20,000-character limit, where its own patterns run. */
const paragraphs = (unit: string): string => `${fill(unit, 19_990)}\n\n`.repeat(5);

const ADVERSARIAL: Record<string, string> = {
  'a long run of spaces inside a line': `## Goals\n\n- Become a ${' '.repeat(SIZE)}leader.\n`,
  'a long run of tabs before the end of a line': `- We will grow${'\t'.repeat(SIZE)}x\n`,
  'trailing white space on every line': fill('- Grow sales by 5%   \t \n'),
  'one word repeated ("leader leader …")': `- ${fill('leader ')}`,
  '"a" × 100,000': 'a'.repeat(SIZE),
  'one long word of syllables (stemmer)': fill('relationalization'),
  'digits and commas': `- Grow revenue ${fill('1,2,3.4,')}`,
  'one long number': `- Grow revenue to ${fill('1,000')}`,
  'thousands of "-"': fill('-'),
  'thousands of "|"': fill('|'),
  'table rows': fill('| a | b |\n'),
  'list markers ("- - - …")': `- ${fill('- ')}`,
  'nested parentheses': `- ${'('.repeat(SIZE / 2)}${')'.repeat(SIZE / 2)}`,
  'parenthesised asides ("(a) grow …")': `- We will ${fill('(a) grow ')}`,
  'unclosed directive comments': fill('<!-- planlint-enable '),
  'unclosed HTML comments': fill('<!--'),
  'unclosed tags': fill('<p '),
  '"x!" repeated': `- ${fill('x!')}`,
  'full stops': `- ${fill('.')}`,
  'one-word sentences ("a! a! …")': `- We will ${fill('a! ')}`,
  'connectors ("because because …")': `- We will adopt AI ${fill('because ')} x because everyone is doing it\n`,
  'no sentence end, then an address': `- We will ${fill('grow ')}www.example.com`,
  'colons ("a: a: …")': `- ${fill('a: ')}`,
  'semicolons ("grow;grow;…")': `- ${fill('grow;')}`,
  'quotes': `- ${fill('"“')}`,
  'camelCase and Mc names': `- ${fill('AbCdEfGh McMacX ')}`,
  'hyphens, apostrophes and ampersands inside words': `- ${fill("a-'’.&")}`,
  'headings ("#")': fill('#'),
  'list-item stars ("* * …")': fill('* '),
  'entities ("&amp&amp…")': fill('&amp'),
  'line breaks: CR only': fill('Grow\r'),
  'line breaks: CRLF': fill('- Grow\r\n'),
  'astral and combining characters, lone surrogates': `- ${fill('😀e\u0301\ud800\u202e')}`,
  'shouted headings (plain-text heading rules)': fill('TITLE\n\n'),
  'numbered items ("iv) …")': fill('iv) x\n'),
  // Rules loop over pairs of matches within a statement (src/analysis.ts modifies(), src/valuemap.ts):
  // quadratic or worse in one statement's length, bounded by document.ts cutting statements at 10,000 characters.
  'many tools and platitudes in one statement': `- ${fill('Leader leading leaders; social-media, AI-first 2026 50% £12m ... !? ')}`,
  'many tools in one statement': `- ${fill('social media app AI platform ')}`,
  'block quotes 100,000 deep (">>>…")': fill('>'),
  'directives around every item': fill('<!-- planlint-disable no-tool-as-goal -->\n- Become a leader in social media\n<!-- planlint-enable -->\n'),
  'paragraphs of "a" (natural: e-mail pattern)': paragraphs('a'),
  'paragraphs of "a." (natural: one placeholder per sentence)': paragraphs('a.'),
  'paragraphs of "1. " (natural: numbers and sentence ends)': paragraphs('1. '),
  'paragraphs with long runs of spaces (natural: delimiter pattern)': `a${' '.repeat(19_980)}b.\n\n`.repeat(5),
  'paragraphs of "a.b%" (natural: address pattern)': paragraphs('a.b%'),
  'paragraphs of ellipses': paragraphs('… '),
};

/**
 * Documents still slower than the bound at 100 KB, for reasons outside the patterns (see the report of
 * issue 7). They run at KNOWN_SIZE, under the same bound, so that they do not get worse unnoticed; remove
 * an entry when its cause is fixed.
 */
const KNOWN_SIZE = 10_000;
const KNOWN_SLOW: Record<string, { formats: Format[]; why: string }> = {
  'emphasis markers ("*a*a…")': {
    formats: ['markdown'],
    why: "micromark's attention resolution is quadratic in the delimiters of one paragraph",
  },
  'emphasis markers ("*_`*_`…")': {
    formats: ['markdown'],
    why: "micromark's attention resolution is quadratic in the delimiters of one paragraph",
  },
  'nested brackets ("[[[…]]]")': {
    formats: ['markdown'],
    why: "micromark's label-end resolution looks back over every open bracket",
  },
  'link openers ("[a](" …)': {
    formats: ['markdown'],
    why: "micromark's label-end resolution looks back over every open bracket",
  },
};
const KNOWN_DOCS: Record<string, (n: number) => string> = {
  'emphasis markers ("*a*a…")': (n) => fill('*a', n),
  'emphasis markers ("*_`*_`…")': (n) => fill('*_`', n),
  'nested brackets ("[[[…]]]")': (n) => `- ${'['.repeat(n / 2)}${']'.repeat(n / 2)}`,
  'link openers ("[a](" …)': (n) => fill('[a](', n),
};

type Format = 'markdown' | 'text' | 'html';
const EXTENSION: Record<Format, string> = { markdown: 'md', text: 'txt', html: 'html' };
const STRICT = { preset: 'strict' as const, inlineConfig: true, reportUnusedDisableDirectives: 'warning' as const };

/** Lints a document as one file of a batch would be (never throws; a limit is a notice), and times it. */
async function timedLint(text: string, format: Format): Promise<{ ms: number; notices: Notice[]; result?: LintResult }> {
  const bytes = Buffer.from(text, 'utf8');
  const t0 = performance.now();
  const outcome = await lintPlanBytes(`adversarial.${EXTENSION[format]}`, bytes, STRICT);
  return { ms: performance.now() - t0, notices: outcome.notices, ...(outcome.result ? { result: outcome.result } : {}) };
}

describe('adversarial documents are linted within the time bound', () => {
  beforeAll(async () => {
    // Lexicons, parsers and natural load once, outside any timing.
    for (const format of ['markdown', 'text', 'html'] as const) await timedLint('## Goals\n\n- Become a leader in social media by 2026.\n', format);
  });

  const check = async (name: string, text: string, formats: readonly Format[]): Promise<void> => {
    for (const format of formats) {
      const { ms, notices, result } = await timedLint(text, format);
      // A file past a documented limit is refused with a notice, in time; an internal error is a bug.
      expect(notices.filter((n) => /internal error/.test(n.message)).map((n) => n.message), `${name} (${format})`).toEqual([]);
      expect(result !== undefined || notices.length > 0).toBe(true);
      expect(Math.round(ms), `${name} (${format}): ${Math.round(ms)} ms for ${text.length} characters`).toBeLessThan(BOUND_MS);
    }
  };

  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    it(name, () => check(name, text, ['markdown', 'text', 'html']), 3 * BOUND_MS + 10_000);
  }
  for (const [name, { formats, why }] of Object.entries(KNOWN_SLOW)) {
    it(`${name} — known superlinear, checked at ${KNOWN_SIZE / 1000} KB only: ${why}`, () => check(name, KNOWN_DOCS[name]!(KNOWN_SIZE), formats), 3 * BOUND_MS + 10_000);
  }
});

// =====================================================================================================
// 3. Documents are data: every output stays well-formed and carries the text back exactly
// =====================================================================================================

/** Everything a document can hold that an output could choke on. */
const HOSTILE = 'quote " apostrophe \' <tag> & ]]> \u0000\u0001\u0007 ESC \u001b[31mred\u001b]0;title\u0007 C1 \u009b2J lone \ud800 \udc00 LS \u2028 PS \u2029 %0A :: , %';
const HOSTILE_DOC = `## Goals\n\n- Become a leader in social media ${HOSTILE}\n- Be active on TikTok ::error file=x.md::injected \u2028::warning::also\n`;
const HOSTILE_PATH = 'plans/a "b" <c> %0A ::,\u001b[2J.md';
const HOSTILE_NOTICE: Notice = { filePath: 'bad \u001b[1m::x.md', level: 'error', message: 'cannot be read \u001b[31m\n::error::injected %' };

function hostileResult(): LintResult {
  return lintText(HOSTILE_DOC, { filePath: HOSTILE_PATH, preset: 'strict' });
}
const ctx = (level: 0 | 1 = 0): FormatContext => ({ color: new Chalk({ level }), notices: [HOSTILE_NOTICE] });

describe('documents are data: outputs whatever the text holds', () => {
  it('the hostile plan really carries the hostile characters into findings', () => {
    const r = hostileResult();
    const all = r.findings.map((f) => `${f.text}|${f.message}|${f.suggestion}`).join('\n');
    for (const s of ['"', ']]>', '\u0001', '\u001b', '\u009b', '\ud800', '\u2028', '::error', '%0A']) expect(all).toContain(s);
  });

  it('JSON parses back to exactly the same texts, lone surrogates and all', () => {
    const r = hostileResult();
    const out = formatters.json!([r], ctx());
    const parsed = JSON.parse(out) as Array<{ filePath: string; messages: Array<{ message: string; suggestion?: string; text?: string; context?: unknown; fatal?: boolean }> }>;
    expect(parsed[0]!.filePath).toBe(HOSTILE_PATH);
    expect(parsed[0]!.messages.map((m) => [m.message, m.suggestion, m.text])).toEqual(r.findings.map((f) => [f.message, f.suggestion, f.text]));
    expect(parsed[0]!.messages.map((m) => m.context)).toEqual(r.findings.map((f) => f.context));
    expect(parsed[1]).toMatchObject({ filePath: HOSTILE_NOTICE.filePath, messages: [{ message: HOSTILE_NOTICE.message, fatal: true }] });
    // Lone surrogates are written as \u escapes (well-formed JSON.stringify), so the file is valid UTF-8.
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
  });

  it('SARIF parses back to exactly the same messages, snippets and fixes', () => {
    const r = hostileResult();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- SARIF explored freely
    const log = JSON.parse(formatters.sarif!([r], ctx())) as any;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const results = log.runs[0].results as any[];
    expect(results.map((x) => [x.message.text, x.locations[0].physicalLocation.region.snippet.text, x.fixes?.[0]?.description.text])).toEqual(
      r.findings.map((f) => [f.message, f.text, f.suggestion]),
    );
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toBe(HOSTILE_NOTICE.message);
  });

  it('GitHub: one workflow command per line, whatever `::`, `%` or line breaks the text holds; unescaped, the same text (control characters made visible)', () => {
    const r = hostileResult();
    const out = formatters.github!([r], ctx());
    const lines = out.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(r.findings.length + 1);
    // The runner splits commands at LF, CR and CRLF only; each line must be exactly one command.
    const COMMAND = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;
    const unescape = (s: string): string => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
    lines.forEach((line, i) => {
      const m = COMMAND.exec(line);
      expect(m, line).not.toBeNull();
      const props = Object.fromEntries(m![2]!.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), unescape(kv.slice(kv.indexOf('=') + 1))]));
      if (i < r.findings.length) {
        // CI logs render escape sequences too: control characters other than the escaped CR and LF are shown.
        expect(unescape(m![3]!)).toBe(printable(r.findings[i]!.message));
        expect(props.file).toBe(printable(HOSTILE_PATH));
      } else {
        expect(unescape(m![3]!)).toBe(printable(HOSTILE_NOTICE.message));
        expect(props.file).toBe(printable(HOSTILE_NOTICE.filePath));
      }
    });
  });

  it('compact: one line per finding, whatever line breaks (LF, CR, U+2028, U+2029) the text holds', () => {
    const r = hostileResult();
    const out = formatters.compact!([r], ctx());
    const lines = out.split(/\r\n|[\r\n\u2028\u2029]/);
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(r.findings.length + 1);
    for (const line of lines) expect(line).toMatch(/:\d+:\d+: (error|warning|info) .* \[[a-z-]+\]$/);
  });

  // Terminal formats must not pass a document's (or a file name's) control characters to the terminal:
  // ESC and C1 CSI start escape sequences (clear the screen, retitle the window, write the clipboard with
  // OSC 52 …). With colours off, no control character at all may remain but line feeds (and tabs).
  // KNOWN FAILING (issue 7 report): stylish, compact, summary and github print document text and file
  // names raw unless src/formatters/printable.ts makes them visible.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
  for (const name of ['stylish', 'compact', 'summary', 'github']) {
    it(`${name}: no control characters from the document reach the terminal`, () => {
      const out = formatters[name]!([hostileResult()], ctx(0));
      expect(out.match(CONTROL)?.[0]).toBeUndefined();
    });
  }
});

// =====================================================================================================
// 4. Configuration is data; nothing comes from the environment
// =====================================================================================================

/**
 * Environment variables planlint's process may read, and why. Everything else is a failure: planlint takes
 * no settings from the environment, and neither may a dependency.
 * - Terminal colours: chalk's bundled supports-color decides whether to colour (planlint's own `--color`
 *   and `--no-color` override it); the CI names tell it the log viewer shows colours.
 * - Node itself: the ES module loader, worker threads, coverage.
 * - tinypool: whether its worker threads wait with Atomics (scheduling only, never results).
 * - readable-stream (mammoth → jszip): READABLE_STREAM=disable swaps in Node's own streams, same bytes.
 * - yaml: LOG_TOKENS and LOG_STREAM, debug switches that would print YAML tokens to standard output;
 *   src/config.ts unsets them while it parses YAML (test below).
 */
const ENV_ALLOWED = new Set([
  // chalk / supports-color
  'FORCE_COLOR',
  'NO_COLOR',
  'NODE_DISABLE_COLORS',
  'TERM',
  'COLORTERM',
  'TERM_PROGRAM',
  'TERM_PROGRAM_VERSION',
  'CI',
  'TF_BUILD',
  'AGENT_NAME',
  'GITHUB_ACTIONS',
  'GITEA_ACTIONS',
  'CIRCLECI',
  'TRAVIS',
  'APPVEYOR',
  'GITLAB_CI',
  'BUILDKITE',
  'DRONE',
  'CI_NAME',
  'TEAMCITY_VERSION',
  // Node internals
  'WATCH_REPORT_DEPENDENCIES',
  'NODE_DEBUG',
  'NODE_UNIQUE_ID',
  'NODE_V8_COVERAGE',
  // tinypool
  'PISCINA_DISABLE_ATOMICS',
  // readable-stream
  'READABLE_STREAM',
  // yaml (known problem, see above)
  'LOG_TOKENS',
  'LOG_STREAM',
]);

/**
 * Preloaded into every thread (`node --import`): logs each file the process probes or opens, and each
 * environment variable read, as JSON lines.
 */
const HOOK = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { threadId } from 'node:worker_threads';
const LOG = process.env.PLANLINT_ACCESS_LOG;
const append = fs.appendFileSync.bind(fs);
const log = (kind, what) => append(LOG, JSON.stringify({ thread: threadId, kind, what: String(what) }) + '\\n');
const env = process.env;
process.env = new Proxy(env, {
  get(t, k) { if (typeof k === 'string') log('env', k); return Reflect.get(t, k); },
  has(t, k) { if (typeof k === 'string') log('env', k); return Reflect.has(t, k); },
  getOwnPropertyDescriptor(t, k) { if (typeof k === 'string') log('env', k); return Reflect.getOwnPropertyDescriptor(t, k); },
  ownKeys(t) { log('env', '(every variable)'); return Reflect.ownKeys(t); },
});
const wrap = (obj, name, label) => {
  const orig = obj[name];
  if (typeof orig !== 'function') return;
  obj[name] = function (p, ...rest) {
    log('file', label + ' ' + (p instanceof URL ? p.pathname : typeof p === 'number' ? 'fd ' + p : p));
    return orig.call(this, p, ...rest);
  };
};
for (const n of ['openSync', 'readFileSync', 'open', 'readFile', 'createReadStream', 'existsSync', 'statSync', 'lstatSync', 'stat', 'lstat', 'accessSync', 'access', 'readdirSync', 'readdir', 'opendirSync', 'opendir', 'realpathSync', 'watch', 'watchFile']) wrap(fs, n, 'fs.' + n);
for (const n of ['open', 'readFile', 'stat', 'lstat', 'access', 'readdir', 'opendir', 'watch']) wrap(fs.promises, n, 'fs.promises.' + n);
syncBuiltinESMExports();
`;

/** Code that, if anything ever ran it, would leave MARKER in the repository. */
const MARKER_CJS = `require('fs').writeFileSync(require('path').join(__dirname, 'MARKER'), 'executed: ' + __filename);\nmodule.exports = { rules: {} };\n`;
const MARKER_ESM = `import fs from 'node:fs';\nfs.writeFileSync(new URL('./MARKER', import.meta.url), 'executed: ' + import.meta.url);\nexport default { rules: {} };\n`;

describe('configuration is data; nothing is read from the environment or .env', () => {
  let repo: string;
  let hook: string;
  let logFile: string;

  beforeAll(async () => {
    repo = mkdtempSync(path.join(tmpdir(), 'planlint-config-data-'));
    hook = path.join(repo, '..', `${path.basename(repo)}-hook.mjs`);
    logFile = path.join(repo, '..', `${path.basename(repo)}-access.log`);
    writeFileSync(hook, HOOK);
    const plans = path.join(repo, 'plans');
    mkdirSync(plans);
    // A .env that would change the preset and the colours if anything read it.
    writeFileSync(path.join(repo, '.env'), 'PLANLINT_PRESET=strict\nFORCE_COLOR=3\nNODE_OPTIONS=--require ./MARKER.js\n');
    writeFileSync(path.join(plans, '.env'), 'PLANLINT_CONFIG=evil.js\n');
    // Executable configuration in every form a tool might load.
    for (const dir of [repo, plans]) {
      for (const f of ['.planlintrc.js', '.planlintrc.cjs', 'planlint.config.js', 'planlint.config.cjs']) writeFileSync(path.join(dir, f), MARKER_CJS);
      for (const f of ['.planlintrc.mjs', 'planlint.config.mjs', 'planlint.config.ts']) writeFileSync(path.join(dir, f), MARKER_ESM);
    }
    // The configuration planlint does read: data only, its YAML tags and JSON keys never code.
    writeFileSync(path.join(repo, '.planlintrc.json'), JSON.stringify({ rules: { 'no-buzzword': 'warning' } }));
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'x', type: 'commonjs', scripts: { prepare: 'node .planlintrc.js' }, planlint: { rules: {} } }));
    mkdirSync(path.join(plans, 'yaml'));
    writeFileSync(path.join(plans, 'yaml', '.planlintrc.yaml'), 'rules:\n  no-buzzword: !!js/function "function () { require(\'fs\').writeFileSync(\'MARKER\', \'x\') }"\n');
    writeFileSync(path.join(plans, 'yaml', 'plan.md'), '## Goals\n\n- Become a leader in social media\n');
    // Documents whose content would run if anything executed it.
    writeFileSync(
      path.join(plans, 'plan.md'),
      "---js\n{ x: require('fs').writeFileSync('MARKER', 'front matter') }\n---\n## Goals\n\n- Become a leader in social media\n<script>require('fs').writeFileSync('MARKER', 'x')</script>\n- Grow ${process.mainModule.require('fs').writeFileSync('MARKER','t')} by 5% by 2026\n",
    );
    writeFileSync(
      path.join(plans, 'plan.html'),
      '<html><body><h2>Goals</h2><ul><li>Become a leader in social media</li></ul><script>require("fs").writeFileSync("MARKER","x")</script><img src=x onerror="alert(1)"><iframe src="file:///etc/passwd"></iframe></body></html>\n',
    );
    const docx = new Document({
      sections: [{ children: [new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_2 }), new Paragraph({ text: 'Become a leader in social media {{ require("fs") }}' })] }],
    });
    writeFileSync(path.join(plans, 'plan.docx'), await Packer.toBuffer(docx));
  });

  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(hook, { force: true });
    rmSync(logFile, { force: true });
  });

  /** The logged calls that open or read a file (the others only look: stat, exists, readdir). */
  const READS = /^fs\.(promises\.)?(open|openSync|readFile|readFileSync|createReadStream) /;

  interface Access {
    thread: number;
    kind: 'env' | 'file';
    what: string;
  }

  /** Runs the built CLI in the repository with the logging preload and a hostile environment. */
  const run = (args: string[]): { code: number; stderr: string; accesses: Access[] } => {
    rmSync(logFile, { force: true });
    const r = spawnSync(process.execPath, ['--import', hook, BIN, ...args], {
      cwd: repo,
      encoding: 'utf8',
      input: '',
      env: {
        PATH: process.env.PATH,
        PLANLINT_ACCESS_LOG: logFile,
        // Settings a tool might take from the environment: none may change anything.
        PLANLINT_PRESET: 'strict',
        PLANLINT_CONFIG: path.join(repo, '.planlintrc.js'),
        PLANLINT_FORMAT: 'json',
        PLANLINT_RULES: 'no-buzzword:off',
        DOTENV_CONFIG_PATH: path.join(repo, '.env'),
      },
    });
    const accesses = existsSync(logFile)
      ? readFileSync(logFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Access)
      : [];
    return { code: r.status ?? -1, stderr: r.stderr, accesses };
  };

  const runs: Array<{ args: string[]; accesses: Access[] }> = [];
  const modes: string[][] = [
    ...Object.keys(formatters).map((f) => ['-f', f, 'plans']),
    ['--cache', '-f', 'json', 'plans'],
    ['--cache', '-f', 'json', 'plans'],
    ['--jobs', '2', '-f', 'sarif', 'plans', 'plans/plan.md', 'plans/plan.html', 'plans/plan.docx'],
    ['map', 'plans/plan.md'],
  ];

  for (const args of modes) {
    it(`planlint ${args.join(' ')}: runs no configuration or document code, opens no .env`, () => {
      const r = run(args);
      expect(r.stderr).not.toMatch(/internal error/);
      expect([0, 1, 2]).toContain(r.code);
      expect(existsSync(path.join(repo, 'MARKER')), 'configuration or document code ran').toBe(false);
      expect(existsSync(path.join(repo, 'plans', 'MARKER')), 'configuration or document code ran').toBe(false);
      expect(existsSync(path.join(repo, 'plans', 'yaml', 'MARKER')), 'configuration or document code ran').toBe(false);
      // The log works: it saw the plans being read, in the main thread or a worker.
      expect(r.accesses.some((a) => a.kind === 'file' && a.what.includes(`${path.sep}plans${path.sep}plan.`))).toBe(true);
      const opened = r.accesses.filter((a) => a.kind === 'file' && READS.test(a.what)).map((a) => a.what.slice(a.what.indexOf(' ') + 1));
      expect(opened.filter((f) => /(^|[\\/])\.env(\.[^\\/]*)?$/.test(f)), '.env files opened').toEqual([]);
      expect(opened.filter((f) => /(\.planlintrc|planlint\.config)\.(c|m)?[jt]s$/.test(f)), 'executable configuration files opened').toEqual([]);
      runs.push({ args, accesses: r.accesses });
    });
  }

  it('reads only terminal-colour and Node-internal environment variables, in every thread', () => {
    expect(runs.length).toBe(modes.length);
    const read = new Set(runs.flatMap((r) => r.accesses.filter((a) => a.kind === 'env').map((a) => a.what)));
    const unexpected = [...read].filter((k) => !ENV_ALLOWED.has(k));
    expect(unexpected, 'environment variables read outside the allow-list').toEqual([]);
    // The hostile ones above were never even looked at.
    for (const k of ['PLANLINT_PRESET', 'PLANLINT_CONFIG', 'PLANLINT_FORMAT', 'PLANLINT_RULES', 'DOTENV_CONFIG_PATH']) expect(read.has(k)).toBe(false);
    // Worker threads were logged too (the run with --jobs 2).
    expect(runs.some((r) => r.accesses.some((a) => a.thread > 0))).toBe(true);
  });

  it('the environment changes no result: the same report with and without it', () => {
    const clean = spawnSync(process.execPath, [BIN, '-f', 'json', 'plans'], { cwd: repo, encoding: 'utf8', input: '', env: { PATH: process.env.PATH } });
    const hostile = spawnSync(process.execPath, [BIN, '-f', 'json', 'plans'], {
      cwd: repo,
      encoding: 'utf8',
      input: '',
      env: { PATH: process.env.PATH, PLANLINT_PRESET: 'strict', PLANLINT_RULES: 'no-tool-as-goal:off', PLANLINT_CONFIG: '.planlintrc.js', NODE_ENV: 'production', CI: 'true' },
    });
    expect(hostile.status).toBe(clean.status);
    expect(hostile.stdout).toBe(clean.stdout);
    expect(JSON.parse(clean.stdout)).not.toHaveLength(0);
  });

  // KNOWN FAILING (issue 7 report): yaml prints its tokens to standard output when LOG_TOKENS or LOG_STREAM
  // is set, so a report read from standard output is no longer JSON. When src/config.ts clears them around
  // YAML parsing this test fails: then make it a plain `it`.
  it('yaml debug switches in the environment do not corrupt a report', () => {
    const r = spawnSync(process.execPath, [BIN, '-f', 'json', 'plans/yaml/plan.md', 'plans/plan.md'], {
      cwd: repo,
      encoding: 'utf8',
      input: '',
      env: { PATH: process.env.PATH, LOG_TOKENS: '1', LOG_STREAM: '1' },
    });
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('JSON and YAML keys cannot pollute prototypes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'planlint-proto-'));
    try {
      const configs = [
        '{"__proto__": {"polluted": "yes"}, "rules": {}}',
        '{"rules": {"__proto__": {"polluted": "yes"}}}',
        '{"constructor": {"prototype": {"polluted": "yes"}}}',
        '{"lexicons": {"tools": {"add": [{"term": "x", "__proto__": {"polluted": "yes"}}]}}}',
        '{"overrides": [{"files": "*.md", "rules": {"__proto__": {"polluted": "yes"}}}]}',
      ];
      for (const [i, text] of configs.entries()) {
        const sub = path.join(dir, String(i));
        mkdirSync(sub);
        writeFileSync(path.join(sub, '.planlintrc.json'), text);
        try {
          new ConfigResolver().forFile(path.join(sub, 'plan.md'));
        } catch {
          // refusing the file is fine; polluting is not
        }
      }
      mkdirSync(path.join(dir, 'yaml'));
      writeFileSync(path.join(dir, 'yaml', '.planlintrc.yaml'), '__proto__:\n  polluted: yes\nrules:\n  __proto__:\n    polluted: yes\n');
      try {
        new ConfigResolver().forFile(path.join(dir, 'yaml', 'plan.md'));
      } catch {
        // as above
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
