/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run, every registered rule as a
 * reporting descriptor, each finding as a result with its region, the flagged text and the suggestion as a fix.
 * Files that could not be linted become tool execution notifications. Reads the rule docs (help.markdown).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { planlintVersion, ruleDocPath } from '../paths.js';
import { rules } from '../registry.js';
import type { Finding, RuleLevel, Rule, Severity } from '../types.js';
import { JsonArrayWriter, wholeReport, type Formatter, type ReportFormat } from './report.js';

type SarifLevel = 'none' | 'note' | 'warning' | 'error';

const LEVEL: Record<RuleLevel, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A file path as a SARIF artifact location: an absolute path becomes a `file:` URI; a relative one a
 * percent-encoded relative reference with forward slashes, resolved against `%SRCROOT%`.
 */
export function artifactLocation(filePath: string): ArtifactLocation {
  const p = filePath.replace(LONE_SURROGATE, '\uFFFD');
  if (path.isAbsolute(p)) return { uri: pathToFileURL(p).href };
  // Backslashes separate folders on Windows only; elsewhere they are part of a name (and get encoded).
  const segments = p.split(path.sep === '\\' ? /[\\/]/ : '/').map((s) => encodeURIComponent(s));
  return { uri: segments.join('/'), uriBaseId: '%SRCROOT%' };
}

const docs = new Map<string, string | undefined>();

function ruleDoc(id: string): string | undefined {
  if (!docs.has(id)) {
    let text: string | undefined;
    try {
      text = readFileSync(ruleDocPath(id), 'utf8');
    } catch {
      text = undefined;
    }
    docs.set(id, text);
  }
  return docs.get(id);
}

/** The doc's first paragraph after its title, on one line. */
function firstParagraph(doc: string): string | undefined {
  const lines = doc.split(/\r\n|\r|\n/);
  let i = lines.findIndex((l) => /^#\s/.test(l));
  i = i < 0 ? 0 : i + 1;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  const para: string[] = [];
  while (i < lines.length && (lines[i] ?? '').trim() !== '' && !/^#/.test(lines[i] ?? '')) para.push((lines[i++] ?? '').trim());
  return para.length ? para.join(' ') : undefined;
}

function descriptor(rule: Rule): object {
  const { id, description, presets, category } = rule.meta;
  const doc = ruleDoc(id);
  return {
    id,
    name: id,
    shortDescription: { text: description },
    fullDescription: { text: (doc && firstParagraph(doc)) || description },
    help: { text: description, ...(doc !== undefined ? { markdown: doc } : {}) },
    helpUri: pathToFileURL(ruleDocPath(id)).href,
    defaultConfiguration: { level: LEVEL[presets.recommended] },
    properties: { category },
  };
}

function sarifLevel(severity: Severity): SarifLevel {
  return LEVEL[severity];
}

function result(f: Finding, location: ArtifactLocation, ruleIndex: Map<string, number>): object {
  const region: Region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
  const index = ruleIndex.get(f.ruleId);
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: { ...region, snippet: { text: f.text } } } }],
    ...(f.suggestion
      ? {
          fixes: [
            {
              description: { text: f.suggestion },
              artifactChanges: [{ artifactLocation: location, replacements: [{ deletedRegion: region, insertedContent: { text: f.suggestion } }] }],
            },
          ],
        }
      : {}),
  };
}

/** Stands for the results in the log's skeleton; the results are written in its place. */
const RESULTS = 'planlint:results';

/**
 * The log's results go last in it, but what comes before them (whether the run succeeded, its notifications)
 * depends on every notice: the head is written at the end (`headAtEnd`).
 */
export const sarifReport: ReportFormat = () => {
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  // runs[0].results sits at depth 3 of the log: its items at depth 4.
  const array = new JsonArrayWriter(3);
  return {
    headAtEnd: true,
    result: (r) => {
      if (r.findings.length === 0) return '';
      const location = artifactLocation(r.filePath);
      return r.findings.map((f) => array.item(result(f, location, ruleIndex))).join('');
    },
    end: (notices) => {
      const notifications = notices
        .filter((n) => n.level === 'error')
        .map((n) => ({
          level: 'error',
          message: { text: n.message },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.filePath) } }],
        }));
      const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'planlint',
                version: planlintVersion(),
                rules: rules.map(descriptor),
              },
            },
            invocations: [
              {
                executionSuccessful: notifications.length === 0,
                ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
              },
            ],
            columnKind: 'utf16CodeUnits',
            results: RESULTS,
          },
        ],
      };
      const skeleton = JSON.stringify(log, null, 2) + '\n';
      // `results` is the run's last key: its placeholder is the last one in the text, whatever a notice says.
      const at = skeleton.lastIndexOf(JSON.stringify(RESULTS));
      return { head: skeleton.slice(0, at), tail: array.close() + skeleton.slice(at + JSON.stringify(RESULTS).length) };
    },
  };
};

export const sarif: Formatter = wholeReport(sarifReport);
