export { lintText, lintDocument, mapText, formatFor, countFindings, SettingsError, UnknownRuleError } from './linter.js';
export { resolveRules, closestRuleId } from './settings.js';
export { lintFiles, type LintFilesOptions, type LintFilesOutcome } from './batch.js';
export { docxToHtml, DocxError } from './readers/docx.js';
export { parseDocument } from './document.js';
export { valueMap, type ValueMap, type MapTool, type MapLink, type MapMention } from './valuemap.js';
export { rules, getRule } from './registry.js';
export type * from './types.js';
