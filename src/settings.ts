/**
 * Rule settings: a preset, then per-rule levels and options over it, checked against each rule's meta.
 */
import { rules as allRules } from './registry.js';
import { PRESETS, type PresetName, type Rule, type RuleLevel, type RuleOptions, type RuleSetting } from './types.js';

/** A rule setting or option that cannot be used; the message names the rule and what is allowed. */
export class SettingsError extends Error {}
export class UnknownRuleError extends SettingsError {}

export interface ResolvedRule {
  rule: Rule;
  level: RuleLevel;
  options: RuleOptions;
}

const LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];
/** Spellings users bring from ESLint and Vale. */
const LEVEL_ALIASES: Record<string, RuleLevel> = { warn: 'warning', suggestion: 'info', 0: 'off', 1: 'warning', 2: 'error' };

export function parseLevel(value: unknown, where: string): RuleLevel {
  const key = String(value);
  const level = (LEVELS as readonly string[]).includes(key) ? (key as RuleLevel) : LEVEL_ALIASES[key];
  if (level === undefined || (typeof value !== 'string' && typeof value !== 'number')) {
    throw new SettingsError(`${where}: level ${JSON.stringify(value)} is not one of off, info, warn, warning, error`);
  }
  return level;
}

export function parsePreset(value: string): PresetName {
  const name = value.replace(/^planlint:/, '');
  if (!(PRESETS as readonly string[]).includes(name)) throw new SettingsError(`unknown preset "${value}": use ${PRESETS.join(' or ')}`);
  return name as PresetName;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length] as number;
}

/** The known rule id closest to `id`, when it is close enough to be a typo. */
export function closestRuleId(id: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const r of allRules) {
    const d = distance(id, r.meta.id);
    if (d < bestDistance) [best, bestDistance] = [r.meta.id, d];
  }
  return bestDistance <= Math.max(3, Math.floor(id.length / 3)) ? best : undefined;
}

export function unknownRule(id: string): UnknownRuleError {
  const near = closestRuleId(id);
  return new UnknownRuleError(`unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ''}; \`planlint rules\` lists them`);
}

/** Validates a rule's options and fills in defaults. */
export function ruleOptions(rule: Rule, given: RuleOptions = {}): RuleOptions {
  const specs = rule.meta.options ?? {};
  const out: RuleOptions = {};
  for (const key of Object.keys(given)) {
    if (!(key in specs)) {
      const known = Object.keys(specs);
      throw new SettingsError(`rule "${rule.meta.id}": unknown option "${key}" (${known.length ? `options: ${known.join(', ')}` : 'the rule takes no options'})`);
    }
  }
  for (const [key, spec] of Object.entries(specs)) {
    const value = given[key] ?? spec.default;
    const where = `rule "${rule.meta.id}": option "${key}"`;
    if (spec.type === 'integer' && !(Number.isInteger(value) && (value as number) >= spec.minimum)) {
      throw new SettingsError(`${where} must be a whole number of at least ${spec.minimum}, not ${JSON.stringify(value)}`);
    }
    if (spec.type === 'boolean' && typeof value !== 'boolean') throw new SettingsError(`${where} must be true or false, not ${JSON.stringify(value)}`);
    if (spec.type === 'probability' && value !== null && !(typeof value === 'number' && value > 0 && value < 1)) {
      throw new SettingsError(`${where} must be a number between 0 and 1 (exclusive), or null for the model's own, not ${JSON.stringify(value)}`);
    }
    if (spec.type === 'string-array' && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      throw new SettingsError(`${where} must be a list of strings, not ${JSON.stringify(value)}`);
    }
    out[key] = value;
  }
  return out;
}

/** Every rule with its level and options: the preset's level, then `settings` over it. */
export function resolveRules(preset: PresetName = 'recommended', settings: Record<string, RuleSetting> = {}): ResolvedRule[] {
  for (const id of Object.keys(settings)) if (!allRules.some((r) => r.meta.id === id)) throw unknownRule(id);
  return allRules.map((rule) => {
    const setting = settings[rule.meta.id];
    const [rawLevel, rawOptions] = Array.isArray(setting) ? setting : [setting ?? rule.meta.presets[preset], undefined];
    const level = parseLevel(rawLevel, `rule "${rule.meta.id}"`);
    if (rawOptions !== undefined && (typeof rawOptions !== 'object' || rawOptions === null || Array.isArray(rawOptions))) {
      throw new SettingsError(`rule "${rule.meta.id}": options must be an object, not ${JSON.stringify(rawOptions)}`);
    }
    return { rule, level, options: ruleOptions(rule, rawOptions) };
  });
}
