/**
 * The JSON Schema of planlint's configuration files, built from the rule registry so that it always lists
 * every rule and its options. `schema/planlintrc.schema.json` is this schema, written for editors; a test
 * keeps the two identical (`npm run schema` rewrites the file).
 */
import { CONFIGURABLE_LEXICONS } from './lexicon.js';
import { rules } from './registry.js';
import type { RuleOptionSpec } from './types.js';

const LEVEL = { enum: ['off', 'info', 'warn', 'warning', 'error'] };

function optionSchema(spec: RuleOptionSpec): object {
  if (spec.type === 'integer') return { type: 'integer', minimum: spec.minimum, default: spec.default, description: spec.description };
  if (spec.type === 'probability') {
    return { anyOf: [{ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, { type: 'null' }], default: null, description: spec.description };
  }
  if (spec.type === 'boolean') return { type: 'boolean', default: spec.default, description: spec.description };
  return { type: 'array', items: { type: 'string' }, default: spec.default, description: spec.description };
}

export function configSchema(): Record<string, unknown> {
  const ruleProps: Record<string, object> = {};
  for (const r of rules) {
    const options = { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.entries(r.meta.options ?? {}).map(([k, s]) => [k, optionSchema(s)])) };
    ruleProps[r.meta.id] = {
      description: r.meta.description,
      anyOf: [{ $ref: '#/$defs/level' }, { type: 'array', prefixItems: [{ $ref: '#/$defs/level' }, options], items: false, minItems: 1, maxItems: 2 }],
    };
  }
  const lexiconChange = {
    type: 'object',
    additionalProperties: false,
    properties: {
      add: { type: 'array', items: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object', required: ['term'], properties: { term: { type: 'string', minLength: 1 } } }] } },
      remove: { type: 'array', items: { type: 'string', minLength: 1 } },
    },
  };
  const rulesSchema = { type: 'object', additionalProperties: false, properties: ruleProps };
  const lexiconsSchema = { type: 'object', additionalProperties: false, properties: Object.fromEntries(CONFIGURABLE_LEXICONS.map((n) => [n, lexiconChange])) };
  // Defined once and referenced at the top level and in each override: the validator compiled from the
  // schema (scripts/precompile.mjs) then holds their code once, not twice.
  const rulesRef = { $ref: '#/$defs/rules' };
  const lexicons = { $ref: '#/$defs/lexicons' };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'planlint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      root: { type: 'boolean', description: 'Stop looking for configuration files in parent folders.' },
      extends: {
        description: '"planlint:recommended", "planlint:strict", or a path (relative to this file) to another configuration file.',
        anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
      },
      rules: rulesRef,
      lexicons,
      ignorePatterns: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Files to skip, in .gitignore syntax, relative to this file.' },
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }], description: 'Globs, relative to this file.' },
            rules: rulesRef,
            lexicons,
          },
        },
      },
    },
    $defs: { level: LEVEL, rules: rulesSchema, lexicons: lexiconsSchema },
  };
}
