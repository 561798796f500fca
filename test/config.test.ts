import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../src/schema.js';
import { lintText } from '../src/index.js';
import { ROOT } from './helpers.js';

// End to end: the built CLI in a temporary repository, as a team would run it.
const BIN = path.join(ROOT, 'bin', 'planlint.js');
let repo = '';

function planlint(args: string[], input = ''): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: repo, input, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  writeFileSync(path.join(repo, rel), text);
}

const PLAN = [
  '## Goals',
  '',
  '1. Put customers at the heart of our strategy',
  '2. Roll out Zorbly to every branch by 2026',
  '<!-- planlint-disable-next-line no-tool-as-goal -- agreed with the board in March -->',
  '',
  '3. Become a leader in social media',
  '',
].join('\n');

/** `file:line:rule` for every compact output line. */
const findings = (stdout: string): string[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?):(\d+):\d+: \w+ .* \[(.+)\]$/.exec(l);
      return m ? `${m[1]}:${m[2]}:${m[3]}` : l;
    });

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'planlint-repo-'));
  write(
    '.planlintrc.yaml',
    // A low threshold: the statement model confirms every unlinked tool, so the cascade is what is tested.
    ['root: true', 'extends: planlint:recommended', 'rules:', '  require-measurable-goal: off', '  no-unlinked-tool: [warning, { threshold: 0.01 }]', 'lexicons:', '  tools:', '    add: [Zorbly]', 'ignorePatterns: ["drafts/"]'].join('\n'),
  );
  write('plans/group.md', PLAN);
  write(
    'plans/team/.planlintrc.json',
    JSON.stringify({ extends: ['../../shared/base.json'], overrides: [{ files: ['legacy-*.md'], rules: { 'no-tool-as-goal': 'warn' } }] }),
  );
  write('shared/base.json', JSON.stringify({ rules: { 'no-platitude': 'off', 'require-stakeholder': 'error' } }));
  write('plans/team/team.md', PLAN);
  write('plans/team/legacy-2019.md', PLAN);
  write('drafts/draft.md', PLAN);
  write('plans/secret.md', PLAN);
  write('.planlintignore', 'secret.md\n');
});

describe('configuration files, end to end', () => {
  it('applies the nearest configuration over the farther one, with extends, overrides, lexicons, ignores and directives', () => {
    const r = planlint(['--format', 'compact', '.']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(findings(r.stdout).sort()).toEqual([
      // Root config: measurability off; Zorbly is a tool; line 7 is disabled for no-tool-as-goal by the directive.
      'plans/group.md:3:no-platitude',
      'plans/group.md:4:no-tool-as-goal',
      'plans/group.md:4:no-unlinked-tool',
      'plans/group.md:7:no-unlinked-tool',
      // legacy-*.md: the override makes tool-as-goal a warning; the team config adds require-stakeholder and drops platitudes.
      'plans/team/legacy-2019.md:4:no-tool-as-goal',
      'plans/team/legacy-2019.md:4:no-unlinked-tool',
      'plans/team/legacy-2019.md:4:require-stakeholder',
      'plans/team/legacy-2019.md:7:no-unlinked-tool',
      'plans/team/legacy-2019.md:7:require-stakeholder',
      'plans/team/team.md:4:no-tool-as-goal',
      'plans/team/team.md:4:no-unlinked-tool',
      'plans/team/team.md:4:require-stakeholder',
      'plans/team/team.md:7:no-unlinked-tool',
      'plans/team/team.md:7:require-stakeholder',
    ]);
    expect(r.stdout).toMatch(/legacy-2019\.md:4:4: warning .*\[no-tool-as-goal\]/);
    expect(r.stdout).toMatch(/team\.md:4:4: error .*\[require-stakeholder\]/);
  });

  it('maps a plan with the lexicons its configuration adds', () => {
    const r = planlint(['map', 'plans/group.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Zorbly \(line 4\)\s+✖ linked to no stakeholder and no value/);
  });

  it('prints the configuration that applies to a file', () => {
    const r = planlint(['--print-config', 'plans/team/legacy-2019.md']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { configFiles: string[]; preset: string; rules: Record<string, unknown>; lexicons: unknown };
    expect(c.configFiles).toEqual(['.planlintrc.yaml', 'shared/base.json', path.join('plans', 'team', '.planlintrc.json')]);
    // Rules the statement model judges show their `threshold` (null: the model's own).
    expect(c.rules).toMatchObject({
      'no-tool-as-goal': ['warning', { threshold: null }],
      'no-platitude': ['off', { threshold: null }],
      'no-unlinked-tool': ['warning', { threshold: 0.01 }],
      'require-stakeholder': 'error',
      'require-measurable-goal': ['off', { threshold: null }],
    });
    expect(c.lexicons).toEqual({ tools: { add: ['Zorbly'], remove: [] } });
  });

  it('lets --rule and --config win over the files found, and --no-inline-config ignore directives', () => {
    expect(findings(planlint(['--format', 'compact', '--rule', 'no-unlinked-tool:off', 'plans/group.md']).stdout)).not.toContain('plans/group.md:7:no-unlinked-tool');
    write('other.json', JSON.stringify({ rules: { 'no-tool-as-goal': 'off' } }));
    const other = findings(planlint(['--format', 'compact', '-c', 'other.json', 'plans/group.md']).stdout);
    expect(other).toContain('plans/group.md:3:no-platitude');
    expect(other.some((f) => f.endsWith('no-tool-as-goal'))).toBe(false);
    expect(findings(planlint(['--format', 'compact', '--no-inline-config', 'plans/group.md']).stdout)).toContain('plans/group.md:7:no-tool-as-goal');
  });

  it('reports disable directives that suppress nothing when asked', () => {
    write('plans/unused.md', '## Goals\n\n<!-- planlint-disable no-buzzword -->\n1. Cut the wait for repairs from 20 days to 5 by 2026, for tenants\n');
    const r = planlint(['--format', 'compact', '--report-unused-disable-directives', 'plans/unused.md']);
    expect(r.stdout).toMatch(/plans\/unused\.md:3:1: warning Unused "planlint-disable" directive/);
    expect(planlint(['--format', 'compact', 'plans/unused.md']).stdout).toBe('');
  });

  it('expands globs, skips ignored files, and fails on a pattern that matches nothing', () => {
    const r = planlint(['--format', 'compact', 'plans/**/*.md', '--ignore-pattern', 'legacy-*.md']);
    const files = new Set(findings(r.stdout).map((f) => f.split(':')[0]));
    expect([...files].sort()).toEqual(['plans/group.md', 'plans/team/team.md']);
    const none = planlint(['nothing/**/*.md']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('planlint: error: nothing/**/*.md: pattern matches no plan files');
    const named = planlint(['plans/secret.md']);
    expect(named.stderr).toContain('plans/secret.md: is ignored by an ignore pattern; skipped');
  });

  it('names standard input with --stdin-filename and looks its configuration up', () => {
    const r = planlint(['--format', 'compact', '--stdin-filename', 'plans/team/new.md', '-'], PLAN);
    expect(findings(r.stdout)).toContain('plans/team/new.md:4:require-stakeholder');
  });

  it('writes the report atomically to --output-file and still exits with the findings', () => {
    const r = planlint(['--format', 'json', '-o', 'report.json', 'plans/group.md']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(repo, 'report.json'), 'utf8'))).toHaveLength(1);
    expect(readdirSync(repo).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('adopts a baseline: recorded findings stop counting, even when lines move; new ones still fail', () => {
    const update = planlint(['--update-baseline', '--baseline', 'baseline.json', 'plans/group.md']);
    expect(update.code).toBe(0);
    expect(existsSync(path.join(repo, 'baseline.json'))).toBe(true);
    expect(planlint(['--baseline', 'baseline.json', 'plans/group.md'])).toMatchObject({ code: 0, stdout: '' });
    // Lines move: the same findings are still recognised.
    write('plans/group.md', `# Group plan\n\nSome context first.\n\n${PLAN}`);
    expect(planlint(['--baseline', 'baseline.json', 'plans/group.md'])).toMatchObject({ code: 0, stdout: '' });
    // A new finding fails.
    write('plans/group.md', `${PLAN}4. Launch a new mobile app by 2027\n`);
    const r = planlint(['--format', 'compact', '--baseline', 'baseline.json', 'plans/group.md']);
    expect(r.code).toBe(1);
    expect(findings(r.stdout)).toEqual(['plans/group.md:8:no-tool-as-goal', 'plans/group.md:8:no-unlinked-tool']);
    write('bad-baseline.json', '{"version": 2}');
    expect(planlint(['--baseline', 'bad-baseline.json', 'plans/group.md']).code).toBe(2);
  });
});

describe('invalid configuration: a clear message naming the file and key, and exit 2', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['bad JSON', '.planlintrc.json', '{"rules": {', /\.planlintrc\.json: invalid JSON: /],
    ['bad YAML', '.planlintrc.yaml', 'rules: [\n', /\.planlintrc\.yaml:\d+:\d+: invalid YAML: /],
    ['unknown rule', '.planlintrc.json', '{"rules": {"no-platitudes": "off"}}', /\.planlintrc\.json: rules\.no-platitudes: unknown rule "no-platitudes" \(did you mean "no-platitude"\?\)/],
    ['wrong severity', '.planlintrc.json', '{"rules": {"no-buzzword": "loud"}}', /rules\.no-buzzword: level "loud" is not one of off, info, warn, warning, error/],
    ['wrong option type', '.planlintrc.json', '{"rules": {"max-priorities": ["warn", {"max": "five"}]}}', /rules\.max-priorities: option "max" must be a whole number of at least 1, not "five"/],
    ['unknown key', '.planlintrc.json', '{"rule": {}}', /\.planlintrc\.json: \(top level\): unknown key "rule"/],
    ['bad extends', '.planlintrc.json', '{"extends": "planlint:lenient"}', /extends: unknown preset "planlint:lenient"/],
    ['bad override', '.planlintrc.json', '{"overrides": [{"rules": {}}]}', /overrides\.0: must have required property 'files'/],
    ['duplicate lexicon entry', '.planlintrc.json', '{"lexicons": {"tools": {"add": ["app"]}}}', /lexicons: .*"app"\) duplicates entry/],
    ['package.json key', 'package.json', '{"name": "x", "planlint": {"rules": {"no-platitude": 3}}}', /package\.json \(key "planlint"\): rules\.no-platitude: level 3/],
  ];
  for (const [name, file, text, message] of cases) {
    it(name, () => {
      repo = mkdtempSync(path.join(tmpdir(), 'planlint-bad-'));
      write(file, text);
      write('plan.md', '## Goals\n\n1. Become a leader in social media\n');
      const r = planlint(['plan.md']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('JSON Schema', () => {
  it('ships the schema built from the registry, so editors and the validator agree', () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, 'schema', 'planlintrc.schema.json'), 'utf8'))).toEqual(configSchema());
  });
});

describe('inline directives (library)', () => {
  const doc = (body: string): string => `## Goals\n\n${body}\n`;
  const ruleIds = (text: string, o = {}): string[] => lintText(text, o).findings.map((f) => `${f.line}:${f.ruleId}`);

  it('disables and re-enables by rule, with or without a reason', () => {
    const text = doc(
      [
        '<!-- planlint-disable no-platitude, require-measurable-goal -- legacy wording -->',
        '1. Put customers at the heart of our strategy',
        '<!-- planlint-enable no-platitude -->',
        '2. Improve employee well-being',
      ].join('\n'),
    );
    expect(ruleIds(text)).toEqual(['6:no-platitude']);
  });

  it('disables the whole file, all rules when none is named, and works in plain text on a line of its own', () => {
    expect(ruleIds(doc('<!-- planlint-disable-file -->\n1. Become a leader in social media'))).toEqual([]);
    expect(ruleIds(doc('<!-- planlint-disable -->\n1. Become a leader in social media'))).toEqual([]);
    const txt = 'Goals:\n<!-- planlint-disable-next-line -->\n1. Become a leader in social media\n2. Put customers at the heart of our strategy\n';
    expect(ruleIds(txt, { filePath: 'plan.txt' }).every((f) => f.startsWith('4:'))).toBe(true);
  });
});
