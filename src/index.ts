export { lintText, lintDocument, formatFor, UnknownRuleError } from './linter.js';
export { lintFiles, type LintFilesOptions, type LintFilesOutcome } from './files.js';
export { parseDocument } from './document.js';
export { rules, getRule } from './registry.js';
export type * from './types.js';
