import type { AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { once, oncePerKey } from './scheduling.js';
import { repoPath } from './workspace.js';

/** One parser, loaded on first use (about a second), so that a test file's child processes start meanwhile. */
const asyncapiParser = once(async () => {
  const { DiagnosticSeverity, fromFile, Parser } = await import('@asyncapi/parser');
  return { DiagnosticSeverity, fromFile, parser: new Parser() };
});

export interface ParsedAsyncApi {
  readonly parsed?: AsyncAPIDocumentInterface;
  readonly errors: readonly string[];
}

/**
 * Parses an AsyncAPI document from its file, so that relative `$ref`s resolve; lists its error diagnostics. Each
 * document is parsed once per test file (a parse runs a whole Spectral ruleset): the parser's case and Modelina's
 * share the result.
 */
export const parseAsyncApi = oncePerKey(async (document: string): Promise<ParsedAsyncApi> => {
  const { DiagnosticSeverity, fromFile, parser } = await asyncapiParser();
  const { document: parsed, diagnostics } = await fromFile(parser, repoPath(document)).parse();
  const errors = diagnostics
    .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
    .map((diagnostic) => `${document}#/${diagnostic.path.join('/')}: ${diagnostic.message} [${diagnostic.code}]`);
  return parsed === undefined ? { errors } : { parsed, errors };
});
