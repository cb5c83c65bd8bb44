import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ErrorObject as AjvError } from 'ajv';
import { isPrecompiled, structureSchemaFor, structureValidatorFile } from './asyncapi-structure-schemas.js';
import { precompiledValidator } from './precompiled.js';

/**
 * @asyncapi/parser's `asyncapi-document-resolved` and `-unresolved` rules, running validators compiled at build time
 * (src/build-steps/compile-asyncapi-schemas.ts) instead of compiling the AsyncAPI schema with Ajv for every document.
 * The result shaping below reproduces the parser's `documentStructure` function (prepareResults, filterRefErrors) and
 * Spectral's `schema` function (better-ajv-errors, combinator and array-item wording), which neither package exports;
 * generators/core/test/asyncapi-structure-rules.test.ts checks that both give the same findings on broken documents.
 */

const require = createRequire(import.meta.url);
const parserDir = dirname(require.resolve('@asyncapi/parser'));
// The parser's own copies of its dependencies, in the versions it uses.
const fromSpectral = createRequire(createRequire(`${parserDir}/`).resolve('@stoplight/spectral-functions'));
const betterAjvErrors = fromSpectral('@stoplight/better-ajv-errors') as (
  schema: unknown,
  errors: AjvError[],
  options: { propertyPath: JsonPath; targetValue: unknown },
) => { error: string; path: string; suggestion?: string }[];
const { coreRuleset } = require('@asyncapi/parser/cjs/ruleset/ruleset.js') as { coreRuleset: { rules: Record<string, RuleDefinition> } };
const parserRule = require('@asyncapi/parser/cjs/ruleset/functions/documentStructure.js') as { documentStructure: typeof documentStructure };

type JsonPath = readonly (string | number)[];

interface RuleDefinition {
  readonly then: { readonly function: unknown; readonly functionOptions?: unknown };
}

interface RuleContext {
  readonly path: JsonPath;
  readonly document?: { readonly formats?: ReadonlySet<unknown> | null };
}

interface Finding {
  message: string;
  readonly path: JsonPath;
}

const RULES = ['asyncapi-document-resolved', 'asyncapi-document-unresolved'] as const;

/** Rule overrides for the parser's ruleset options: the same rules, each with its precompiled validator. */
export function precompiledStructureRules(): Record<string, RuleDefinition> {
  return Object.fromEntries(
    RULES.map((name) => {
      const rule = coreRuleset.rules[name]!;
      // biome-ignore lint/suspicious/noThenProperty: `then` is how a Spectral rule names what it runs.
      return [name, { ...rule, then: { ...rule.then, function: documentStructure } }];
    }),
  );
}

function documentStructure(targetVal: unknown, options: { resolved: boolean }, context: RuleContext): Finding[] | undefined {
  const formats = context.document?.formats;
  if (!formats) return undefined;
  const found = structureSchemaFor(formats, options.resolved);
  if (found === undefined) return undefined;
  // An AsyncAPI 2 document (not compiled at build time) is checked by the parser's own rule.
  if (!isPrecompiled(found.version)) return parserRule.documentStructure(targetVal, options, context);
  const validate = precompiledValidator(structureValidatorFile(found.version, options.resolved));
  if (validate(targetVal) || !Array.isArray(validate.errors)) return undefined;
  const errors = validate.errors;
  if (options.resolved) prepareResults(errors);
  const unmatched = findUnmatchedCombinators(errors);
  const findings = betterAjvErrors(found.schema, errors, { propertyPath: context.path, targetValue: targetVal }).map(({ suggestion, error, path }) => ({
    message: describeCombinator(describeArrayItem(suggestion !== undefined ? `${error}. ${suggestion}` : error, path), unmatched.get(path)),
    path: [...context.path, ...(path !== '' ? path.replace(/^\//, '').split('/') : [])],
  }));
  return filterRefErrors(findings, options.resolved);
}

// From @asyncapi/parser's documentStructure: Ajv's errors for `oneOf` branches have no useful context; keep the first.
function prepareResults(errors: AjvError[]): void {
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i]!;
    if (error.keyword === 'additionalProperties') {
      error.instancePath = `${error.instancePath}/${String(error.params.additionalProperty)}`;
    } else if (error.keyword === 'required' && error.params.missingProperty === '$ref') {
      errors.splice(i, 1);
      i--;
    }
  }
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i]!;
    if (i + 1 < errors.length && errors[i + 1]!.instancePath === error.instancePath) {
      errors.splice(i + 1, 1);
      i--;
    } else if (i > 0 && shouldIgnoreError(error) && errors[i - 1]!.instancePath.startsWith(error.instancePath)) {
      errors.splice(i, 1);
      i--;
    }
  }
}

function shouldIgnoreError(error: AjvError): boolean {
  return error.keyword === 'oneOf' || (error.keyword === 'required' && error.params.missingProperty === '$ref');
}

const REF_ERROR_MESSAGE = 'Property "$ref" is not expected to be here';

function filterRefErrors(findings: Finding[], resolved: boolean): Finding[] {
  if (resolved) return findings.filter((finding) => finding.message !== REF_ERROR_MESSAGE);
  return findings
    .filter((finding) => finding.message === REF_ERROR_MESSAGE)
    .map((finding) => {
      finding.message = 'Referencing in this place is not allowed';
      return finding;
    });
}

// From Spectral's schema function.
function findUnmatchedCombinators(errors: readonly AjvError[]): Map<string, string> {
  const unmatched = new Map<string, string>();
  for (const { keyword, instancePath, params } of errors) {
    if ((keyword === 'oneOf' || keyword === 'anyOf') && !Array.isArray(params.passingSchemas)) unmatched.set(instancePath, keyword);
  }
  return unmatched;
}

function describeCombinator(message: string, keyword: string | undefined): string {
  return keyword !== undefined && message.endsWith(` in ${keyword}`)
    ? `${message}. None of the schemas matched, see the other errors reported for this value`
    : message;
}

function describeArrayItem(message: string, errorPath: string): string {
  const index = errorPath.split('/').pop();
  if (index === undefined || !/^\d+$/.test(index)) return message;
  const typePrefix = `"${index}" property type`;
  if (message.startsWith(typePrefix)) return `Item at index ${index}${message.slice(typePrefix.length)}`;
  const prefix = `"${index}" property`;
  return message.startsWith(prefix) ? `Item at index ${index}${message.slice(prefix.length)}` : message;
}
