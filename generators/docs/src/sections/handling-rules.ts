import type { Inline } from '../inline.js';
import { fallbackRows, handlingRules } from '../prose.js';
import type { CodeRef, ModelIndex } from './model-index.js';

/** The rules a device follows for every answer, and the code a response without `code` stands for. */
export interface HandlingRulesSection {
  readonly rules: readonly Inline[];
  readonly fallback: readonly { readonly httpStatus: number; readonly code: CodeRef }[];
}

export function handlingRulesSection(index: ModelIndex): HandlingRulesSection {
  return {
    rules: handlingRules(index.model),
    fallback: fallbackRows(index.model).map((row) => ({ httpStatus: row.httpStatus, code: index.codeRef(row.code) })),
  };
}
