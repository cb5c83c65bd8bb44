import type { HandlingRulesSection } from '../sections/handling-rules.js';
import { type MdCodeRef, mdCodeRef } from './blocks.js';
import type { MarkdownScope } from './scope.js';

export interface MdHandlingRules {
  readonly rules: readonly string[];
  /** Rows of the fallback table: the code link is escaped for a cell. */
  readonly fallback: readonly { readonly httpStatus: number; readonly code: MdCodeRef }[];
}

export function mdHandlingRules(section: HandlingRulesSection, scope: MarkdownScope): MdHandlingRules {
  return {
    rules: scope.paragraphs(section.rules),
    fallback: section.fallback.map((row) => ({ httpStatus: row.httpStatus, code: mdCodeRef(row.code, scope, 'cell') })),
  };
}
