import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Every fixture document under fixtures/, relative to the repository root. */
export function fixtureFiles(dir = path.join(ROOT, 'fixtures')): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...fixtureFiles(full));
    else if (/\.(md|markdown|txt)$/.test(name)) out.push(path.relative(ROOT, full));
  }
  return out;
}

const MARKER_RE = /<!--\s*expect:\s*([^>]*?)\s*-->/g;

/** `line:rule-id` for every `<!-- expect: … -->` marker in a fixture. */
export function expectedFindings(source: string): string[] {
  const expected: string[] = [];
  source.split(/\r\n|\r|\n/).forEach((line, i) => {
    for (const m of line.matchAll(MARKER_RE)) {
      for (const id of (m[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) expected.push(`${i + 1}:${id}`);
    }
  });
  return expected.sort();
}

export function readFixture(rel: string): string {
  return readFileSync(path.join(ROOT, rel), 'utf8');
}

/** The built CLI (`npm test` builds first): tests run it exactly as users do. */
export const BIN = path.join(ROOT, 'bin', 'planlint.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `planlint …` in a folder (default: the repository), with colours left to the CLI's own choice. */
export function planlint(args: string[], options: { cwd?: string; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every Markdown file in the repository (fixtures, docs, rule pages, README), dependencies and build output left out. */
export function repositoryMarkdownFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.md')) files.push(full);
    }
  };
  walk(ROOT);
  return files;
}
