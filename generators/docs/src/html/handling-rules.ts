import type { HandlingRulesSection } from '../sections/handling-rules.js';
import type { CodeRef } from '../sections/model-index.js';
import { type HtmlInline, htmlParagraphs } from './inline.js';

export interface HtmlHandlingRules {
  readonly rules: readonly HtmlInline[];
  readonly fallback: readonly { readonly httpStatus: number; readonly code: CodeRef }[];
}

export function htmlHandlingRules(section: HandlingRulesSection): HtmlHandlingRules {
  return { rules: htmlParagraphs(section.rules), fallback: section.fallback };
}
