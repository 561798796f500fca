/**
 * A self-contained HTML portfolio report: an overview of every document (ranked by score, worst first, with
 * totals and charts of findings per score category and per rule), then each document's score, findings and
 * value map. One file, no script and no external resource of any kind; a Content-Security-Policy forbids both
 * in case escaping ever failed. Every piece of text that comes from a plan or its path goes through `esc`.
 */
import { rules } from '../registry.js';
import type { Finding, LintResult, ScoreCategory, Severity } from '../types.js';
import type { Notice } from '../files.js';
import { wholeReport, type Formatter, type ReportFormat } from './report.js';
import { rankResults, ruleTotals, topRule } from './summary.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. The only way document text enters the report. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const CATEGORIES: readonly ScoreCategory[] = ['focus', 'stakeholder-value', 'measurability', 'substance'];
const CATEGORY_LABELS: Record<ScoreCategory, string> = {
  focus: 'Focus',
  'stakeholder-value': 'Stakeholder value',
  measurability: 'Measurability',
  substance: 'Substance',
};
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const RULE_CATEGORY = new Map(rules.map((r) => [r.meta.id, r.meta.category]));
const RULE_DESCRIPTION = new Map(rules.map((r) => [r.meta.id, r.meta.description]));

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** 17.9, 25, 33: at most one decimal. */
function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function band(score: number): 'good' | 'fair' | 'poor' {
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

function badge(score: number | undefined, size: 'small' | 'large' = 'small'): string {
  if (score === undefined) return `<span class="badge badge-none badge-${size}" title="no score">—</span>`;
  return `<span class="badge badge-${band(score)} badge-${size}" title="score ${num(score)} out of 100">${num(score)}</span>`;
}

/** A horizontal meter: `value` out of `max`, coloured by band unless a class is given. */
function meter(value: number, max: number, cls = `meter-${band((value / max) * 100)}`): string {
  const pct = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return `<span class="meter"><span class="${cls}" style="width:${pct.toFixed(1)}%"></span></span>`;
}

function position(f: Finding): string {
  if (f.location?.paragraph !== undefined) return `¶${f.location.paragraph}`;
  return `${f.line}:${f.column}`;
}

function positionTitle(f: Finding): string {
  if (f.location?.paragraph !== undefined) return `paragraph ${f.location.paragraph}, character ${f.column}`;
  return `line ${f.line}, column ${f.column}`;
}

/** The statement with the flagged part marked; the flagged text alone when there is no context. */
function quote(f: Finding): string {
  const flat = (s: string): string => esc(s.replace(/\s+/g, ' '));
  const c = f.context;
  if (!c) return `<mark>${flat(f.text)}</mark>`;
  const start = Math.max(0, Math.min(c.start, c.text.length));
  const end = Math.max(start, Math.min(c.end, c.text.length));
  return `${flat(c.text.slice(0, start))}<mark>${flat(c.text.slice(start, end))}</mark>${flat(c.text.slice(end))}`;
}

/** A suggestion with its `<placeholder>` slots set apart; every piece escaped. */
function suggestion(s: string): string {
  return s
    .split(/(<[^<>\n]{1,80}>)/)
    .map((part, i) => (i % 2 === 1 ? `<span class="slot">${esc(part)}</span>` : esc(part)))
    .join('');
}

/** Stacked bars, one row per item, the count written next to each bar. */
function barChart(rows: Array<{ label: string; counts: Record<Severity, number> }>, labelClass: string): string {
  const max = Math.max(1, ...rows.map((r) => r.counts.error + r.counts.warning + r.counts.info));
  const out = rows.map(({ label, counts }) => {
    const total = counts.error + counts.warning + counts.info;
    const detail = SEVERITIES.filter((s) => counts[s] > 0).map((s) => plural(counts[s], s, s === 'info' ? 'info' : `${s}s`));
    const segments = SEVERITIES.filter((s) => counts[s] > 0)
      .map((s) => `<span class="seg seg-${s}" style="width:${((counts[s] / max) * 100).toFixed(2)}%"></span>`)
      .join('');
    return `<div class="bar-row"><span class="bar-label ${labelClass}">${label}</span><span class="bar-track" title="${esc(detail.join(', ') || 'no findings')}">${segments}</span><span class="bar-value">${total}</span></div>`;
  });
  return `<div class="bars">${out.join('')}</div>`;
}

function legend(): string {
  return `<p class="legend">${SEVERITIES.map((s) => `<span class="key"><span class="swatch seg-${s}"></span>${s}</span>`).join('')}</p>`;
}

function overview(ranked: LintResult[], notLinted: Array<{ filePath: string; message: string }>, notes: Array<{ filePath: string; message: string }>): string {
  const scored = ranked.filter((r) => r.score);
  const average = scored.length > 0 ? scored.reduce((sum, r) => sum + (r.score?.score ?? 0), 0) / scored.length : undefined;
  const errors = ranked.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = ranked.reduce((sum, r) => sum + r.warningCount, 0);
  const infos = ranked.reduce((sum, r) => sum + r.infoCount, 0);
  const all = ranked.flatMap((r) => r.findings);

  const stat = (label: string, value: string, cls = ''): string => `<div class="stat${cls ? ` ${cls}` : ''}"><span class="stat-value">${value}</span><span class="stat-label">${esc(label)}</span></div>`;
  const stats = [
    stat('documents', String(ranked.length)),
    stat('average score', average === undefined ? '—' : num(average), average === undefined ? '' : `stat-${band(average)}`),
    stat(errors === 1 ? 'error' : 'errors', String(errors), errors > 0 ? 'stat-poor' : ''),
    stat(warnings === 1 ? 'warning' : 'warnings', String(warnings), warnings > 0 ? 'stat-fair' : ''),
    ...(infos > 0 ? [stat('info', String(infos))] : []),
    stat('not linted', String(notLinted.length), notLinted.length > 0 ? 'stat-poor' : ''),
  ];

  const rows = ranked.map((r, i) => {
    const top = topRule(r.findings);
    return (
      `<tr data-score="${r.score ? num(r.score.score) : ''}">` +
      `<td class="num rank">${i + 1}</td>` +
      `<td class="doc"><a href="#doc-${i + 1}">${esc(r.filePath)}</a></td>` +
      `<td class="score">${badge(r.score?.score)}${r.score ? meter(r.score.score, 100) : ''}</td>` +
      `<td class="num errors${r.errorCount === 0 ? ' zero' : ''}">${r.errorCount}</td>` +
      `<td class="num warnings${r.warningCount === 0 ? ' zero' : ''}">${r.warningCount}</td>` +
      `<td class="top-rule">${top ? `<code>${esc(top.ruleId)}</code> <span class="muted">×${top.count}</span>` : '<span class="muted">—</span>'}</td>` +
      `</tr>`
    );
  });

  const perCategory = new Map<string, Record<Severity, number>>();
  for (const c of [...CATEGORIES, 'other']) perCategory.set(c, { error: 0, warning: 0, info: 0 });
  for (const f of all) {
    const counts = perCategory.get(RULE_CATEGORY.get(f.ruleId) ?? 'other');
    if (counts) counts[f.severity] += 1;
  }
  const categoryRows = [...perCategory.entries()]
    .filter(([c, counts]) => c !== 'other' || counts.error + counts.warning + counts.info > 0)
    .map(([c, counts]) => ({ label: esc(CATEGORY_LABELS[c as ScoreCategory] ?? 'Other'), counts }));
  const ruleRows = ruleTotals(ranked).map((t) => ({ label: `<code>${esc(t.ruleId)}</code>`, counts: { error: t.errors, warning: t.warnings, info: t.infos } }));

  const lists: string[] = [];
  if (notLinted.length > 0) {
    lists.push(`<div class="notices notices-error"><h3>Not linted</h3><ul>${notLinted.map((n) => `<li><span class="path">${esc(n.filePath)}</span> — ${esc(n.message)}</li>`).join('')}</ul></div>`);
  }
  if (notes.length > 0) {
    lists.push(`<div class="notices"><h3>Notes</h3><ul>${notes.map((n) => `<li><span class="path">${esc(n.filePath)}</span> — ${esc(n.message)}</li>`).join('')}</ul></div>`);
  }

  return `<section id="overview" class="overview">
<h2>Portfolio overview</h2>
<div class="stats">${stats.join('')}</div>
${lists.join('\n')}
<h3>Documents by score, worst first</h3>
${
  ranked.length > 0
    ? `<table class="ranking">
<thead><tr><th class="num">#</th><th>Document</th><th>Score</th><th class="num">Errors</th><th class="num">Warnings</th><th>Top rule</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`
    : '<p class="empty">No document was linted.</p>'
}
<div class="charts">
<figure class="chart"><figcaption>Findings by score category</figcaption>${all.length > 0 ? barChart(categoryRows, '') : '<p class="empty">No findings.</p>'}</figure>
<figure class="chart"><figcaption>Findings by rule</figcaption>${all.length > 0 ? barChart(ruleRows, 'bar-rule') : '<p class="empty">No findings.</p>'}</figure>
</div>
${all.length > 0 ? legend() : ''}
</section>`;
}

function findingItem(f: Finding): string {
  const heading = f.location?.headingPath.length ? `<span class="heading">${f.location.headingPath.map(esc).join(' <span class="sep">›</span> ')}</span>` : '';
  const description = RULE_DESCRIPTION.get(f.ruleId);
  return `<li class="finding finding-${esc(f.severity)}">
<div class="finding-head"><span class="sev sev-${esc(f.severity)}">${esc(f.severity)}</span><span class="pos" title="${esc(positionTitle(f))}">${esc(position(f))}</span>${heading}<code class="rule"${description ? ` title="${esc(description)}"` : ''}>${esc(f.ruleId)}</code></div>
<p class="message">${esc(f.message)}</p>
<blockquote class="context">${quote(f)}</blockquote>
${f.suggestion ? `<p class="suggestion"><span class="suggestion-label">Suggestion</span> ${suggestion(f.suggestion)}</p>` : ''}
</li>`;
}

function valueMapSection(r: LintResult): string {
  const map = r.valueMap;
  if (!map) return '';
  const rows = map.tools.map((t) => {
    const list = (items: string[]): string => (items.length > 0 ? `<ul class="plain">${items.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : '<span class="muted">—</span>');
    const lines = [...new Set(t.mentions.map((m) => m.line))];
    return (
      `<tr><td class="tool"><strong>${esc(t.name)}</strong>${lines.length > 0 ? ` <span class="muted">${lines.length === 1 ? 'line' : 'lines'} ${esc(lines.join(', '))}</span>` : ''}</td>` +
      `<td class="linked">${t.linked ? '<span class="yes">✔ linked</span>' : '<span class="no">✖ not linked</span>'}</td>` +
      `<td>${list(t.stakeholders)}</td><td>${list(t.values)}</td></tr>`
    );
  });
  const table =
    map.tools.length > 0
      ? `<table class="valuemap"><thead><tr><th>Tool</th><th>Linked</th><th>Stakeholders</th><th>Values / outcomes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '<p class="empty">The plan names no tool, channel or technology.</p>';
  const missing =
    map.groupsMissing.length > 0
      ? `<p class="groups"><span class="groups-label">Stakeholder groups never named</span> ${map.groupsMissing.map((g) => `<span class="chip">${esc(g)}</span>`).join(' ')}</p>`
      : '<p class="groups"><span class="groups-label">Stakeholder groups never named</span> none — every group is named</p>';
  return `<h3>Value map</h3>\n${table}\n${missing}`;
}

function documentSection(r: LintResult, i: number, total: number): string {
  const categories = r.score
    ? `<div class="categories">${CATEGORIES.map((c) => {
        const s = r.score?.categories[c];
        if (!s) return '';
        return `<div class="category"><span class="category-label">${esc(CATEGORY_LABELS[c])}</span><span class="category-score">${num(s.score)}<span class="muted"> / ${num(s.max)}</span></span>${meter(s.score, s.max)}<span class="category-detail">${s.judged === 0 ? 'nothing judged' : `${s.failed} of ${s.judged} failed`}</span></div>`;
      }).join('')}</div>`
    : '';
  const counts = [plural(r.errorCount, 'error'), plural(r.warningCount, 'warning'), ...(r.infoCount > 0 ? [plural(r.infoCount, 'info', 'info')] : [])].join(' · ');
  const findings = [...r.findings].sort((a, b) => a.line - b.line || a.column - b.column);
  const body = r.fatal
    ? `<p class="empty">Not linted: ${esc(r.fatal)}</p>`
    : findings.length > 0
      ? `<h3>Findings</h3>\n<ol class="findings">\n${findings.map(findingItem).join('\n')}\n</ol>`
      : '<p class="clean">No findings: the plan passes every rule that is switched on.</p>';
  return `<section class="document" id="doc-${i + 1}">
<header class="document-head"><div><p class="eyebrow">Document ${i + 1} of ${total}</p><h2 class="path">${esc(r.filePath)}</h2><p class="counts">${counts}</p></div>${badge(r.score?.score, 'large')}</header>
${categories}
${body}
${valueMapSection(r)}
<p class="back"><a href="#overview">↑ Back to overview</a></p>
</section>`;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root{--ink:#1d2939;--muted:#667085;--line:#e4e7ec;--soft:#f5f6f8;--accent:#243b53;--good:#067647;--good-bg:#ecfdf3;--fair:#b54708;--fair-bg:#fffaeb;--poor:#b42318;--poor-bg:#fef3f2;--info:#175cd3;--info-bg:#eff8ff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--soft);color:var(--ink);font:15px/1.55 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","Noto Sans",sans-serif;font-variant-numeric:tabular-nums}
.page{max-width:1120px;margin:0 auto;padding:32px 32px 48px}
a{color:var(--accent)}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace}
h1,h2,h3{line-height:1.25;margin:0}
h1{font-size:26px;letter-spacing:-.01em}
h2{font-size:20px}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:28px 0 10px}
.muted{color:var(--muted)}
.report-head{display:flex;justify-content:space-between;align-items:flex-end;gap:16px;border-bottom:3px solid var(--accent);padding-bottom:14px;margin-bottom:24px}
.report-head p{margin:4px 0 0;color:var(--muted)}
.brand{font-weight:700;color:var(--accent);letter-spacing:.04em;text-transform:uppercase;font-size:12px}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:24px 28px;margin-bottom:24px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px;margin-top:16px}
.stat{border:1px solid var(--line);border-radius:8px;padding:12px 14px;border-top:4px solid var(--line)}
.stat-value{display:block;font-size:28px;font-weight:700;line-height:1.1}
.stat-label{color:var(--muted);font-size:13px}
.stat-good{border-top-color:var(--good)}.stat-good .stat-value{color:var(--good)}
.stat-fair{border-top-color:var(--fair)}.stat-fair .stat-value{color:var(--fair)}
.stat-poor{border-top-color:var(--poor)}.stat-poor .stat-value{color:var(--poor)}
table{width:100%;border-collapse:collapse;font-size:14px}
th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);padding:8px 10px}
td{border-bottom:1px solid var(--line);padding:9px 10px;vertical-align:top}
tbody tr:last-child td{border-bottom:0}
.num{text-align:right;width:1%;white-space:nowrap}
.ranking td{vertical-align:middle}
.ranking .doc a{font-weight:600;text-decoration:none;word-break:break-all}
.ranking .doc a:hover{text-decoration:underline}
.ranking .score{white-space:nowrap;width:190px}
.ranking .top-rule{white-space:nowrap}
.ranking .score .meter{width:110px;margin-left:10px;vertical-align:middle}
.ranking .errors{color:var(--poor);font-weight:600}.ranking .warnings{color:var(--fair);font-weight:600}.ranking .zero{color:var(--muted);font-weight:400}
.badge{display:inline-block;min-width:50px;text-align:center;border-radius:999px;font-weight:700;padding:2px 10px;border:1px solid transparent;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.badge-large{font-size:28px;min-width:84px;padding:8px 16px;border-radius:12px}
.badge-good{color:var(--good);background:var(--good-bg);border-color:#abefc6}
.badge-fair{color:var(--fair);background:var(--fair-bg);border-color:#fedf89}
.badge-poor{color:var(--poor);background:var(--poor-bg);border-color:#fecdca}
.badge-none{color:var(--muted);background:var(--soft);border-color:var(--line)}
.meter{display:inline-block;height:8px;border-radius:4px;background:#eaecf0;overflow:hidden;width:100%;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.meter span{display:block;height:100%;border-radius:4px}
.meter-good{background:var(--good)}.meter-fair{background:#f79009}.meter-poor{background:#d92d20}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:24px;margin-top:28px}
.chart{margin:0}
.chart figcaption{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600;margin-bottom:10px}
.bar-row{display:grid;grid-template-columns:minmax(120px,200px) 1fr 36px;gap:10px;align-items:center;padding:3px 0}
.bar-label{font-size:14px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar-rule code{font-size:12.5px}
.bar-track{display:flex;height:14px;background:#f2f4f7;border-radius:3px;overflow:hidden;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.bar-value{text-align:right;font-weight:600}
.seg,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.seg-error{background:#d92d20}.seg-warning{background:#f79009}.seg-info{background:#2e90fa}
.legend{margin:12px 0 0;font-size:13px;color:var(--muted)}
.key{margin-right:16px}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.notices{margin-top:16px;padding:12px 16px;border-radius:8px;background:var(--soft);font-size:14px}
.notices h3{margin:0 0 6px}
.notices ul{margin:0;padding-left:18px}
.notices-error{background:var(--poor-bg)}.notices-error h3{color:var(--poor)}
.path{font-weight:600;word-break:break-all}
.document-head{display:flex;justify-content:space-between;align-items:flex-start;gap:20px}
.document-head h2{word-break:break-all}
.eyebrow{margin:0 0 4px;font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
.counts{margin:6px 0 0;color:var(--muted);font-size:14px}
.categories{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-top:18px}
.category{border:1px solid var(--line);border-radius:8px;padding:10px 12px;display:flex;flex-direction:column;gap:4px}
.category-label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.category-score{font-size:18px;font-weight:700}
.category-detail{font-size:12px;color:var(--muted)}
.findings{list-style:none;margin:0;padding:0}
.finding{border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;padding:10px 14px;margin-bottom:10px;break-inside:avoid}
.finding-error{border-left-color:#d92d20}.finding-warning{border-left-color:#f79009}.finding-info{border-left-color:#2e90fa}
.finding-head{display:flex;flex-wrap:wrap;align-items:center;gap:6px 12px;font-size:13px}
.sev{font-weight:700;text-transform:uppercase;font-size:11px;letter-spacing:.06em;padding:1px 8px;border-radius:4px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.sev-error{color:var(--poor);background:var(--poor-bg)}.sev-warning{color:var(--fair);background:var(--fair-bg)}.sev-info{color:var(--info);background:var(--info-bg)}
.pos{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;color:var(--muted)}
.heading{color:var(--muted)}.sep{margin:0 2px}
.rule{margin-left:auto;color:var(--muted)}
.message{margin:6px 0}
.context{margin:6px 0;padding:6px 12px;border-left:3px solid var(--line);background:var(--soft);color:#344054;overflow-wrap:anywhere}
mark{background:#fde68a;color:inherit;padding:0 2px;border-radius:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.suggestion{margin:6px 0 0;font-size:14px;overflow-wrap:anywhere}
.suggestion-label{font-weight:700;font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--good);margin-right:6px}
.slot{color:var(--accent);background:#eef2f6;border-radius:3px;padding:0 3px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.valuemap .linked{white-space:nowrap}
.yes{color:var(--good);font-weight:600}.no{color:var(--poor);font-weight:600}
ul.plain{margin:0;padding-left:16px}
.groups{margin:12px 0 0;font-size:14px}
.groups-label{font-weight:600;margin-right:6px}
.chip{display:inline-block;border:1px solid #fedf89;background:var(--fair-bg);color:var(--fair);border-radius:999px;padding:0 10px;font-size:13px;margin:2px 0}
.clean{padding:12px 16px;border-radius:8px;background:var(--good-bg);color:var(--good);font-weight:600}
.empty{color:var(--muted)}
.back{margin:18px 0 0;font-size:13px}.back a{text-decoration:none}
footer{color:var(--muted);font-size:12px;text-align:center}
@media (max-width:720px){.page{padding:16px}section{padding:16px}.categories{grid-template-columns:repeat(2,1fr)}.bar-row{grid-template-columns:110px 1fr 32px}}
@page{margin:14mm}
@media print{
body{background:#fff;font-size:11pt}
.page{max-width:none;padding:0}
section{border:0;border-radius:0;padding:0;margin:0 0 12mm}
.document{break-before:page}
.back{display:none}
a{color:inherit;text-decoration:none}
.chart,.stats,.categories,tr,.notices{break-inside:avoid}
thead{display:table-header-group}
}
`;

/** The page ranks documents and shows each in full: it keeps every result until the end. */
export const htmlReport: ReportFormat = () => {
  const results: LintResult[] = [];
  return {
    result: (r) => {
      results.push(r);
      return '';
    },
    end: (notices) => ({ tail: page(results, notices) }),
  };
};

export const html: Formatter = wholeReport(htmlReport);

/** The report as one HTML document. */
function page(results: LintResult[], notices: readonly Notice[]): string {
  const linted = results.filter((r) => !r.fatal);
  const ranked = rankResults(linted);
  const notLinted = [
    ...results.filter((r) => r.fatal).map((r) => ({ filePath: r.filePath, message: r.fatal ?? '' })),
    ...notices.filter((n) => n.level === 'error'),
  ];
  const notes = notices.filter((n) => n.level !== 'error');
  const documents = ranked.map((r, i) => documentSection(r, i, ranked.length));
  const summary = `${plural(ranked.length, 'document')}${notLinted.length > 0 ? `, ${notLinted.length} not linted` : ''}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="planlint">
<meta name="referrer" content="no-referrer">
<title>planlint report — ${esc(summary)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="page">
<header class="report-head"><div><p class="brand">planlint</p><h1>Strategic plan review</h1><p>${esc(summary)} · scores from 0 to 100 in four categories of 25 points: focus, stakeholder value, measurability and substance</p></div></header>
<main>
${overview(ranked, notLinted, notes)}
${documents.join('\n')}
</main>
<footer>Generated by planlint · scores of 80 and above are good, 50 to 79 fair, below 50 poor</footer>
</div>
</body>
</html>
`;
}
