import { type AsyncAPIDocumentInterface, DiagnosticSeverity, fromFile, Parser } from '@asyncapi/parser';
import { repoPath } from './workspace.js';

const parser = new Parser();

/** Parses an AsyncAPI document from its file, so that relative `$ref`s resolve; lists its error diagnostics. */
export async function parseAsyncApi(document: string): Promise<{ readonly parsed?: AsyncAPIDocumentInterface; readonly errors: readonly string[] }> {
  const { document: parsed, diagnostics } = await fromFile(parser, repoPath(document)).parse();
  const errors = diagnostics
    .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
    .map((diagnostic) => `${document}#/${diagnostic.path.join('/')}: ${diagnostic.message} [${diagnostic.code}]`);
  return parsed === undefined ? { errors } : { parsed, errors };
}
