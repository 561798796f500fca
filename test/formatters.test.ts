import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Chalk } from 'chalk';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lintText, rules } from '../src/index.js';
import type { Finding, LintResult } from '../src/index.js';
import type { Notice } from '../src/files.js';
import { formatters, type FormatContext } from '../src/formatters/index.js';
import { sarif } from '../src/formatters/sarif.js';
import { planlintVersion } from '../src/paths.js';
import { github } from '../src/formatters/github.js';
import { junit } from '../src/formatters/junit.js';
import { compact } from '../src/formatters/compact.js';
import { json } from '../src/formatters/json.js';
import { ruleDocPath } from '../src/paths.js';
import { ROOT } from './helpers.js';

const PLAIN = '## Goals\n\n- Become a leader in social media\n';
/** Quotes, a CDATA end, markup, control characters and a lone surrogate, all in goal statements. */
const NASTY_GOAL = 'Become a leader in social media <"]]>\u0001\ud800';
const NASTY = `## Goals\n\n- ${NASTY_GOAL}\n- Be active on TikTok <script>alert("x & y")</script> \u001b[31m\n`;

const missing: Notice = { filePath: 'missing.md', level: 'error', message: 'no such file or directory' };
const skipped: Notice = { filePath: 'empty.md', level: 'warning', message: 'is empty; nothing to lint' };

function ctx(notices: Notice[] = []): FormatContext {
  return { color: new Chalk({ level: 0 }), notices };
}

/** A threshold low enough that the statement model confirms every candidate: these tests are about formats. */
const LOW = { threshold: 0.01 };

function plain(filePath = 'plans/plan.md', options: Parameters<typeof lintText>[1] = {}): LintResult {
  return lintText(PLAIN, { filePath, ...options });
}

function nasty(): LintResult {
  return lintText(NASTY, { filePath: 'plans/nasty "plan" <&>.md', rules: { 'require-measurable-goal': ['warning', LOW] } });
}

/** A result holding one hand-made finding. */
function handMade(filePath: string, finding: Partial<Finding>): LintResult {
  const f: Finding = {
    ruleId: 'no-tool-as-goal',
    severity: 'error',
    message: 'message',
    suggestion: 'suggestion',
    text: 'text',
    line: 3,
    column: 3,
    endLine: 3,
    endColumn: 34,
    ...finding,
  };
  return { filePath, findings: [f], errorCount: f.severity === 'error' ? 1 : 0, warningCount: f.severity === 'warning' ? 1 : 0, infoCount: f.severity === 'info' ? 1 : 0 };
}

/** Characters XML 1.0 forbids. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test('the nasty fixture really carries the nasty characters into findings', () => {
  const r = nasty();
  const all = r.findings.map((f) => `${f.text}\n${f.message}\n${f.suggestion}`).join('\n');
  for (const s of ['"', ']]>', '\u0001', '\ud800', '<script>', '\u001b']) expect(all).toContain(s);
});

test('every formatter is registered', () => {
  expect(Object.keys(formatters).sort()).toEqual(['compact', 'github', 'html', 'json', 'junit', 'sarif', 'stylish', 'summary']);
  expect(formatters.sarif).toBe(sarif);
  expect(formatters.github).toBe(github);
  expect(formatters.junit).toBe(junit);
  expect(formatters.compact).toBe(compact);
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/data/sarif-schema-2.1.0.json'), 'utf8')) as object;
  const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(schema);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- SARIF logs are explored freely here
  type Log = any;
  const parse = (s: string): Log => JSON.parse(s);

  test('the schema rejects what is not SARIF', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'info', message: { text: 'm' } }] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'note', message: { text: 'm' } }] }] })).toBe(true);
  });

  test('output validates against the official SARIF 2.1.0 schema', () => {
    const logs = [
      sarif([plain()], ctx()),
      sarif([plain('/tmp/abs plan.md', { rules: { 'no-unlinked-tool': ['info', LOW], 'require-measurable-goal': ['warning', LOW] } }), nasty()], ctx([missing, skipped])),
      sarif([], ctx()),
    ];
    for (const log of logs) {
      const ok = validate(JSON.parse(log));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  test('one run; the driver describes planlint and every rule', () => {
    const log = parse(sarif([plain()], ctx()));
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(driver.name).toBe('planlint');
    expect(driver.version).toBe(pkg.version);
    expect(planlintVersion()).toBe(pkg.version);
    expect(driver.rules.map((r: Log) => r.id)).toEqual(rules.map((r) => r.meta.id));

    const byId = (id: string): Log => driver.rules.find((r: Log) => r.id === id);
    const tool = byId('no-tool-as-goal');
    const meta = rules.find((r) => r.meta.id === 'no-tool-as-goal')!.meta;
    expect(tool.name).toBe('no-tool-as-goal');
    expect(tool.shortDescription.text).toBe(meta.description);
    expect(tool.help.text).toBe(meta.description);
    expect(tool.help.markdown).toBe(readFileSync(ruleDocPath('no-tool-as-goal'), 'utf8'));
    expect(tool.fullDescription.text.length).toBeGreaterThan(0);
    expect(tool.helpUri).toMatch(/^file:\/\/.*\/rules\/no-tool-as-goal\.md$/);
    expect(tool.properties.category).toBe(meta.category);
    // Levels of the recommended preset: error, warning and off.
    expect(tool.defaultConfiguration.level).toBe('error');
    expect(byId('no-platitude').defaultConfiguration.level).toBe('warning');
    expect(byId('require-diagnosis').defaultConfiguration.level).toBe('none');
  });

  test('results carry rule, level, message, region, snippet and fix', () => {
    const r = plain('plans/plan.md', { rules: { 'no-unlinked-tool': ['info', LOW], 'require-measurable-goal': ['warning', LOW] } });
    const log = parse(sarif([r], ctx()));
    const run = log.runs[0];
    expect(run.results).toHaveLength(r.findings.length);
    expect(run.results.map((x: Log) => x.level).sort()).toEqual(['error', 'note', 'warning']);
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);

    const res = run.results.find((x: Log) => x.ruleId === 'no-tool-as-goal');
    const f = r.findings.find((x) => x.ruleId === 'no-tool-as-goal')!;
    expect(res.level).toBe('error');
    expect(res.message.text).toBe(f.message);
    const loc = res.locations[0].physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: 'plans/plan.md', uriBaseId: '%SRCROOT%' });
    expect(loc.region).toEqual({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 34, snippet: { text: 'Become a leader in social media' } });
    expect(res.fixes).toEqual([
      {
        description: { text: f.suggestion },
        artifactChanges: [
          {
            artifactLocation: { uri: 'plans/plan.md', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 34 }, insertedContent: { text: f.suggestion } }],
          },
        ],
      },
    ]);
    expect(run.results.find((x: Log) => x.ruleId === 'no-unlinked-tool').level).toBe('note');
  });

  test('paths: relative ones are encoded against %SRCROOT%, absolute ones become file: URIs', () => {
    const log = parse(sarif([plain('docs/my plan#1.md'), plain('/tmp/abs plan.md')], ctx()));
    const locs = log.runs[0].results.map((x: Log) => x.locations[0].physicalLocation.artifactLocation);
    expect(locs[0]).toEqual({ uri: 'docs/my%20plan%231.md', uriBaseId: '%SRCROOT%' });
    expect(locs.at(-1)).toEqual({ uri: 'file:///tmp/abs%20plan.md' });
  });

  test('files that could not be linted are tool execution notifications', () => {
    const clean = parse(sarif([plain()], ctx([skipped])));
    expect(clean.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
    const log = parse(sarif([plain()], ctx([missing, skipped])));
    expect(log.runs[0].invocations).toHaveLength(1);
    const inv = log.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: 'no such file or directory' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'missing.md', uriBaseId: '%SRCROOT%' } } }] },
    ]);
  });

  test('stays valid JSON and keeps the text exactly whatever the plan holds', () => {
    const r = nasty();
    const out = sarif([r], ctx());
    const log = parse(out);
    const snippets = log.runs[0].results.map((x: Log) => x.locations[0].physicalLocation.region.snippet.text);
    expect(snippets).toContain(NASTY_GOAL);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('plans/nasty%20%22plan%22%20%3C%26%3E.md');
  });
});

describe('json', () => {
  test('stays valid JSON whatever the plan holds', () => {
    const out = json([nasty()], ctx([missing]));
    const parsed = JSON.parse(out) as { filePath: string; messages: { message: string; suggestion?: string; fatal?: boolean }[] }[];
    expect(parsed).toHaveLength(2);
    expect(parsed[0]!.messages.some((m) => m.suggestion?.includes(NASTY_GOAL))).toBe(true);
    expect(parsed[1]!.messages[0]!.fatal).toBe(true);
  });
});

describe('junit', () => {
  // htmlEntities: also decode character references such as &#10;.
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'failure', 'error'].includes(name) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML is explored freely here
  type Xml = any;

  test('one test case per file, one failure per finding, an error per file not linted', () => {
    const r = plain();
    const out = junit([r, plain('plans/clean.md', { rules: { 'no-tool-as-goal': 'off', 'require-measurable-goal': 'off', 'no-unlinked-tool': 'off' } })], ctx([missing, skipped]));
    expect(out.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    expect(XMLValidator.validate(out)).toBe(true);
    const doc: Xml = parser.parse(out);
    expect(doc.testsuites['@_name']).toBe('planlint');
    expect(doc.testsuites['@_tests']).toBe('3');
    expect(doc.testsuites['@_failures']).toBe('1');
    expect(doc.testsuites['@_errors']).toBe('1');
    const suites = doc.testsuites.testsuite;
    expect(suites).toHaveLength(1);
    expect(suites[0]['@_name']).toBe('planlint');
    const cases = suites[0].testcase;
    expect(cases.map((c: Xml) => c['@_name'])).toEqual(['plans/plan.md', 'plans/clean.md', 'missing.md']);
    expect(cases.every((c: Xml) => c['@_classname'] === 'planlint')).toBe(true);

    const failures = cases[0].failure;
    expect(failures).toHaveLength(r.findings.length);
    const f = r.findings[0]!;
    expect(failures[0]['@_type']).toBe(f.ruleId);
    expect(failures[0]['@_message']).toBe(f.message);
    expect(failures[0]['#text']).toBe(`${f.line}:${f.column} ${f.severity} ${f.message} [${f.ruleId}]\nsuggestion: ${f.suggestion}`);
    expect(cases[1].failure).toBeUndefined();
    expect(cases[2].error[0]['@_message']).toBe('no such file or directory');
  });

  test('stays well-formed whatever the plan holds', () => {
    const hand = handMade('a "b" <c> & \'d\'\u0002.md', { message: 'bad ]]> <"x">\u0001\u001b\ud800 & \udc00 \uffff end\nsecond', suggestion: ']]><![CDATA[ \u0000' });
    const out = junit([nasty(), hand], ctx([{ filePath: 'x]]>\u0007.md', level: 'error', message: '<e> "1" \ud800 end' }]));
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).not.toMatch(NOT_XML);
    expect(out).not.toContain(']]>');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<![CDATA[');
    const doc: Xml = parser.parse(out);
    const cases = doc.testsuites.testsuite[0].testcase;
    expect(cases).toHaveLength(3);
    expect(cases[0].failure.length).toBe(nasty().findings.length);
    expect(cases[0]['@_name']).toBe('plans/nasty "plan" <&>.md');
    expect(cases[0].failure.some((f: Xml) => String(f['#text']).includes('Become a leader in social media <"]]>'))).toBe(true);
    expect(cases[1]['@_name']).toBe('a "b" <c> & \'d\'.md');
    expect(cases[1].failure[0]['@_message']).toBe('bad ]]> <"x"> &   end\nsecond');
    expect(cases[2]['@_name']).toBe('x]]>.md');
    expect(cases[2].error[0]['@_message']).toBe('<e> "1"  end');
  });
});

describe('github', () => {
  test('one workflow command per finding, by severity', () => {
    const r = plain('plans/plan.md', { rules: { 'no-unlinked-tool': ['info', LOW], 'require-measurable-goal': ['warning', LOW] } });
    const lines = github([r], ctx([missing, skipped])).split('\n');
    expect(lines.at(-1)).toBe('');
    const [tool, measurable, unlinked] = ['no-tool-as-goal', 'require-measurable-goal', 'no-unlinked-tool'].map((id) => r.findings.find((f) => f.ruleId === id)!);
    expect(lines.slice(0, -1)).toEqual([
      `::error file=plans/plan.md,line=3,col=3,endLine=3,endColumn=34,title=no-tool-as-goal::${tool!.message}`,
      `::warning file=plans/plan.md,line=3,col=3,endLine=3,endColumn=34,title=require-measurable-goal::${measurable!.message}`,
      `::notice file=plans/plan.md,line=3,col=22,endLine=3,endColumn=34,title=no-unlinked-tool::${unlinked!.message}`,
      '::error file=missing.md::no such file or directory',
    ]);
  });

  test('escapes data and property values', () => {
    const r = handMade('dir/a,b:c%.md', { severity: 'warning', ruleId: 'rule:x,y', message: '100% sure\r\nnext: a, b' });
    expect(github([r], ctx([{ filePath: 'x,y:z.md', level: 'error', message: 'cannot be read\n(EACCES) 5%' }]))).toBe(
      '::warning file=dir/a%2Cb%3Ac%25.md,line=3,col=3,endLine=3,endColumn=34,title=rule%3Ax%2Cy::100%25 sure%0D%0Anext: a, b\n' +
        '::error file=x%2Cy%3Az.md::cannot be read%0A(EACCES) 5%25\n',
    );
  });

  test('prints nothing when there is nothing to report', () => {
    expect(github([plain('p.md', { rules: { 'no-tool-as-goal': 'off', 'require-measurable-goal': 'off', 'no-unlinked-tool': 'off' } })], ctx([skipped]))).toBe('');
  });
});

describe('compact', () => {
  test('one line per finding, then the files not linted, and nothing else', () => {
    const r = plain('plans/plan.md', { rules: { 'no-unlinked-tool': ['info', LOW], 'require-measurable-goal': ['warning', LOW] } });
    expect(compact([r], ctx([missing, skipped]))).toBe(
      [
        'plans/plan.md:3:3: error "Become a leader in social media" makes a tool (social media) the goal. Say what it achieves for whom, and move social media to the means. [no-tool-as-goal]',
        'plans/plan.md:3:3: warning Goal "Become a leader in social media" has no metric, target, baseline or date. Say how success will be measured and by when. [require-measurable-goal]',
        'plans/plan.md:3:22: info The plan names "social media" but never says whom it serves or what value it brings them. Link it to a stakeholder and an outcome, or drop it. [no-unlinked-tool]',
        'missing.md:0:0: error no such file or directory [fatal]',
        '',
      ].join('\n'),
    );
  });

  test('keeps each finding on one line', () => {
    expect(compact([handMade('a.md', { severity: 'info', ruleId: 'r', message: 'one\ntwo\r\nthree' })], ctx())).toBe('a.md:3:3: info one two three [r]\n');
    expect(compact([], ctx([skipped]))).toBe('');
  });
});
