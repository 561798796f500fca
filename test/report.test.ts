import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chalk } from 'chalk';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html } from '../src/formatters/html.js';
import type { Finding, LintResult, PlanScore } from '../src/types.js';
import { ROOT, planlint } from './helpers.js';



const context = { color: new Chalk({ level: 0 }), notices: [] };

function score(total: number): PlanScore {
  const c = { score: total / 4, max: 25, judged: 4, failed: 1 };
  return { score: total, categories: { focus: c, 'stakeholder-value': c, measurability: c, substance: c } };
}

function result(filePath: string, total: number | undefined, findings: Finding[] = []): LintResult {
  return {
    filePath,
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    infoCount: findings.filter((f) => f.severity === 'info').length,
    ...(total === undefined ? {} : { score: score(total) }),
  };
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'no-tool-as-goal',
    severity: 'error',
    message: '"Become a leader in social media" makes a tool (social media) the goal.',
    suggestion: '<outcome> for <stakeholder> — using social media as a means',
    text: 'Become a leader in social media',
    line: 3,
    column: 4,
    endLine: 3,
    endColumn: 35,
    location: { headingPath: ['Goals'] },
    context: { text: 'Become a leader in social media', start: 0, end: 31 },
    ...overrides,
  };
}

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';

/** Document paths in the order the overview table lists them. */
function rankedPaths(report: string): string[] {
  return [...report.matchAll(/<a href="#doc-\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
}

describe('html formatter', () => {
  const hostile = result(`plans/${IMG}.md`, 12, [
    finding({
      message: `"Become a leader in social media ${SCRIPT}" makes a tool (social media) the goal.`,
      suggestion: `Use ${IMG} for <stakeholder>; it's "better"`,
      text: `social media ${SCRIPT}`,
      location: { headingPath: [`Goals ${SCRIPT}`, `Customers & partners 'now'`] },
      context: { text: `Become a leader in social media ${SCRIPT} today`, start: 19, end: 65 },
    }),
    finding({ ruleId: 'no-vanity-metric', severity: 'warning', line: 4, column: 1, text: `Grow ${IMG} followers`, context: undefined }),
  ]);
  hostile.valueMap = {
    tools: [{ name: `social media ${SCRIPT}`, linked: false, mentions: [{ line: 3, column: 23 }], stakeholders: [IMG], values: [`reach ${SCRIPT}`] }],
    groupsMentioned: [],
    groupsMissing: [`investors ${IMG}`],
  };
  const notices = [{ filePath: `broken ${SCRIPT}.md`, level: 'error' as const, message: `cannot be read (${IMG})` }];
  const report = html([hostile], { ...context, notices });

  it('is one self-contained document: a CSP, inline style, no script and no external URL', () => {
    expect(report).toMatch(/^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
    expect(report).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(report).not.toMatch(/<script/i);
    expect(report).not.toMatch(/<(?:link|img|iframe|object|embed|base|form|svg|image)\b/i);
    expect(report).not.toMatch(/\b(?:https?|ftp|file|javascript):/i);
    expect(report).not.toMatch(/url\(|@import/i);
    // Every href is a fragment within the report; every id is built from an index, never from a name.
    for (const m of report.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#(?:overview|doc-\d+)$/);
    for (const m of report.matchAll(/\sid="([^"]*)"/g)) expect(m[1]).toMatch(/^(?:overview|doc-\d+)$/);
  });

  it('escapes every piece of document text', () => {
    expect(report).not.toMatch(/<[^>]*\sonerror\s*=/i);
    expect(report).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(report).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    // Path, heading path, context with its mark, suggestion, tool, stakeholder, value, missing group, notice.
    expect(report).toContain('<h2 class="path">plans/&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;.md</h2>');
    expect(report).toContain('Goals &lt;script&gt;window.__pwned=1&lt;/script&gt; <span class="sep">›</span> Customers &amp; partners &#39;now&#39;');
    expect(report).toContain('Become a leader in <mark>social media &lt;script&gt;window.__pwned=1&lt;/script&gt;</mark> today');
    expect(report).toContain('it&#39;s &quot;better&quot;');
    expect(report).toContain('<strong>social media &lt;script&gt;window.__pwned=1&lt;/script&gt;</strong>');
    expect(report).toContain('<li>reach &lt;script&gt;');
    expect(report).toContain('investors &lt;img');
    expect(report).toContain('broken &lt;script&gt;window.__pwned=1&lt;/script&gt;.md</span> — cannot be read (&lt;img');
    // With no context, the flagged text is shown whole.
    expect(report).toContain('<mark>Grow &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; followers</mark>');
  });

  it('ranks documents by score, worst first, ties by path, unscored last', () => {
    const r = html([result('c.md', 70), result('b.md', 20), result('z.md', undefined), result('a.md', 20), result('d.md', 100)], context);
    expect(rankedPaths(r)).toEqual(['a.md', 'b.md', 'c.md', 'd.md', 'z.md']);
    expect(r.indexOf('<h2 class="path">a.md</h2>')).toBeLessThan(r.indexOf('<h2 class="path">b.md</h2>'));
    expect(r).toMatch(/<section class="document" id="doc-1">\n<header class="document-head"><div><p class="eyebrow">Document 1 of 5<\/p><h2 class="path">a\.md<\/h2>/);
  });

  it('shows positions, Word paragraphs, the top rule, totals and a document with no findings', () => {
    const word = result('plan.docx', 40, [
      finding({ line: 7, column: 2, location: { headingPath: ['Goals'], paragraph: 7 } }),
      finding({ ruleId: 'no-platitude', severity: 'warning', line: 9, column: 1 }),
      finding({ ruleId: 'no-platitude', severity: 'warning', line: 12, column: 5, location: { headingPath: [] } }),
    ]);
    const r = html([word, result('clean.md', 100)], { ...context, notices: [{ filePath: 'gone.md', level: 'error', message: 'no such file or directory' }] });
    expect(r).toContain('>¶7</span>');
    expect(r).toContain('>9:1</span>');
    expect(r).toContain('<code>no-platitude</code> <span class="muted">×2</span>');
    expect(r).toContain('No findings: the plan passes every rule that is switched on.');
    expect(r).toContain('<span class="stat-value">70</span><span class="stat-label">average score</span>');
    expect(r).toContain('<span class="stat-value">1</span><span class="stat-label">not linted</span>');
    expect(r).toContain('<span class="path">gone.md</span> — no such file or directory');
    // Findings per category (focus 1, substance 2) and per rule, with the numbers next to the bars.
    expect(r).toMatch(/<span class="bar-label ">Focus<\/span><span class="bar-track"[^>]*>.*?<\/span><span class="bar-value">1<\/span>/);
    expect(r).toMatch(/<span class="bar-label ">Substance<\/span><span class="bar-track"[^>]*>.*?<\/span><span class="bar-value">2<\/span>/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// In a real browser: the report the CLI writes, opened from disk in headless Chromium.

const CHROMIUM = process.env.PLANLINT_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRE_BROWSER = process.env.PLANLINT_REQUIRE_BROWSER === '1';
const SKIP_BROWSER = !existsSync(CHROMIUM) && !REQUIRE_BROWSER;
const BROWSER_TIMEOUT = 60_000;

const HOSTILE_PLAN = `Goals\n\n1. Become a leader in social media ${SCRIPT}\n2. Grow ${IMG} followers on Instagram\n`;
/** A file name that is markup too. */
const HOSTILE_NAME = '<img src=x onerror=window.__pwned=1>.md';

describe(SKIP_BROWSER ? `HTML report in a browser (skipped: no Chromium at ${CHROMIUM}; set PLANLINT_CHROMIUM, or PLANLINT_REQUIRE_BROWSER=1 to fail)` : 'HTML report in a browser', () => {
  let dir = '';
  let plans = '';
  let report = '';
  let reportUrl = '';
  let browser: Browser | undefined;
  let page: Page | undefined;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  let expected: Array<{ filePath: string; score: number }> = [];

  beforeAll(async () => {
    if (SKIP_BROWSER) return;
    expect(existsSync(CHROMIUM), `PLANLINT_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`).toBe(true);
    dir = mkdtempSync(path.join(tmpdir(), 'planlint-report-'));
    plans = path.join(dir, 'plans');
    mkdirSync(plans);
    const fixtures = path.join(ROOT, 'fixtures', 'plans');
    for (const name of readdirSync(fixtures)) copyFileSync(path.join(fixtures, name), path.join(plans, name));
    writeFileSync(path.join(plans, 'hostile-plan.txt'), HOSTILE_PLAN);
    writeFileSync(path.join(plans, HOSTILE_NAME), '## Goals\n\n1. Become a leader in social media\n');

    // The hostile text reaches the findings' messages and contexts (plain text keeps the markup as text).
    const json = planlint(['-f', 'json', 'plans'], { cwd: dir });
    expect(json.code).toBe(1);
    const results = JSON.parse(json.stdout) as Array<{ filePath: string; score: number; messages: Array<{ message: string; context?: { text: string } }> }>;
    const hostile = results.find((r) => r.filePath.endsWith('hostile-plan.txt'));
    expect(hostile?.messages.some((m) => m.message.includes(SCRIPT) && m.context?.text.includes(SCRIPT))).toBe(true);
    expect(hostile?.messages.some((m) => m.message.includes(IMG) && m.context?.text.includes(IMG))).toBe(true);
    expected = results.map((r) => ({ filePath: r.filePath, score: r.score })).sort((a, b) => a.score - b.score || (a.filePath < b.filePath ? -1 : 1));

    report = path.join(dir, 'report.html');
    const run = planlint(['-f', 'html', '-o', report, 'plans'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    reportUrl = pathToFileURL(report).href;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(reportUrl, { waitUntil: 'load' });
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  const live = (): Page => {
    if (!page) throw new Error('the browser did not start');
    return page;
  };

  it.skipIf(SKIP_BROWSER)('loads nothing but the report itself and runs nothing', { timeout: BROWSER_TIMEOUT }, async () => {
    const p = live();
    expect(requests).toEqual([reportUrl]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]); // a blocked script or resource would be a CSP violation in the console
    expect(await p.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await p.locator('script').count()).toBe(0);
    expect(await p.locator('img, iframe, object, embed, [onerror]').count()).toBe(0);
  });

  it.skipIf(SKIP_BROWSER)('stays inert with its Content-Security-Policy bypassed: escaping alone holds', { timeout: BROWSER_TIMEOUT }, async () => {
    const context = await (browser as Browser).newContext({ bypassCSP: true });
    const p = await context.newPage();
    const seen: string[] = [];
    p.on('request', (r) => seen.push(r.url()));
    p.on('dialog', (d) => void d.dismiss());
    await p.goto(reportUrl, { waitUntil: 'load' });
    expect(await p.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(seen).toEqual([reportUrl]);
    await context.close();
  });

  it.skipIf(SKIP_BROWSER)('lists every document in the overview, ranked by score, worst first', { timeout: BROWSER_TIMEOUT }, async () => {
    const p = live();
    const rows = p.locator('table.ranking tbody tr');
    expect(await rows.count()).toBe(expected.length);
    expect(await rows.locator('td.doc').allTextContents()).toEqual(expected.map((r) => r.filePath));
    const scores = (await rows.locator('td.score .badge').allTextContents()).map(Number);
    expect(scores).toEqual(expected.map((r) => r.score));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores.at(-1)).toBe(100); // the strong plan
    // Each row links to its document's section, within the page.
    const weakRow = rows.filter({ hasText: 'weak-plan.md' });
    const href = await weakRow.locator('a').getAttribute('href');
    expect(href).toMatch(/^#doc-\d+$/);
    await weakRow.locator('a').click();
    expect(p.url()).toBe(`${reportUrl}${href}`);
    expect(await p.locator(`${href} h2.path`).textContent()).toBe('plans/weak-plan.md');
    expect(requests).toEqual([reportUrl]);
  });

  it.skipIf(SKIP_BROWSER)("shows each document's findings: the weak plan's tool-as-goal with its suggestion", { timeout: BROWSER_TIMEOUT }, async () => {
    const p = live();
    const weak = p.locator('section.document').filter({ has: p.locator('h2.path', { hasText: 'weak-plan.md' }) });
    const item = weak.locator('li.finding').filter({ hasText: 'no-tool-as-goal' }).filter({ hasText: 'Become a leader in social media' });
    expect(await item.count()).toBe(1);
    expect(await item.isVisible()).toBe(true);
    expect(await item.locator('.message').textContent()).toContain('makes a tool (social media) the goal');
    expect(await item.locator('mark').textContent()).toBe('Become a leader in social media');
    expect(await item.locator('.suggestion').textContent()).toContain('using social media as a means');
    expect(await item.locator('.sev').textContent()).toBe('error');
    expect(await item.locator('.pos').textContent()).toMatch(/^\d+:\d+$/);
    // Its value map, and the strong plan's clean bill.
    expect(await weak.locator('table.valuemap').textContent()).toContain('social media');
    const strong = p.locator('section.document').filter({ has: p.locator('h2.path', { hasText: 'strong-plan.md' }) });
    expect(await strong.locator('.clean').textContent()).toContain('No findings');
  });

  it.skipIf(SKIP_BROWSER)('shows hostile text literally', { timeout: BROWSER_TIMEOUT }, async () => {
    const p = live();
    const text = (await p.textContent('body')) ?? '';
    expect(text).toContain(SCRIPT);
    expect(text).toContain(IMG);
    expect(text).toContain(`plans/${HOSTILE_NAME}`);
    expect(await p.evaluate('typeof window.__pwned')).toBe('undefined');
  });

  it.skipIf(SKIP_BROWSER)('renders a full-page screenshot', { timeout: BROWSER_TIMEOUT }, async () => {
    const p = live();
    const shot = path.join(dir, 'report.png');
    await p.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1280); // IHDR width
    expect(png.readUInt32BE(20)).toBeGreaterThan(1600); // the whole report, not one screen
    expect(statSync(shot).size).toBeGreaterThan(20_000);

    if (process.env.PLANLINT_UPDATE_SCREENSHOT === '1') {
      // The README's picture: the bundled sample plans only, the first screen of the overview.
      const readme = path.join(dir, 'samples.html');
      expect(planlint(['-f', 'html', '-o', readme, 'fixtures/plans/']).code).toBe(1);
      const q = await (browser as Browser).newPage({ viewport: { width: 1280, height: 1600 } });
      await q.goto(pathToFileURL(readme).href, { waitUntil: 'load' });
      mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
      await q.screenshot({ path: path.join(ROOT, 'docs', 'report.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1600 } });
      await q.close();
    }
  });
});
