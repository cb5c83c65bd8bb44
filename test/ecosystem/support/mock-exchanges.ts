import type { ResponseContract } from './bundled-responses.js';
import { describeErrors } from './json-schema.js';
import { exampleRequest, type JsonObject, type Operation, operationsOf } from './openapi-document.js';

const EXCHANGE_TIMEOUT_MS = 10_000;

export interface MockRound {
  /** `METHOD path status` of every exchange made. */
  readonly exchanges: readonly string[];
  readonly problems: readonly string[];
}

/**
 * For every operation of `document` and every status it lists, sends a valid request (the document's own examples,
 * a bearer token) asking the mock for that status (`Prefer: code=...`), and checks the answer against `contractOf`.
 */
export async function exerciseMock(
  baseUrl: string,
  document: JsonObject,
  contractOf: (operation: Operation, status: string) => ResponseContract,
): Promise<MockRound> {
  const exchanges: string[] = [];
  const problems: string[] = [];
  for (const operation of operationsOf(document)) {
    const request = exampleRequest(document, operation);
    const url = `${baseUrl}${request.path}${request.query.size > 0 ? `?${request.query}` : ''}`;
    for (const status of operation.statuses) {
      const where = `${operation.method.toUpperCase()} ${operation.path} ${status}`;
      exchanges.push(where);
      try {
        const contract = contractOf(operation, status);
        const response = await fetch(url, {
          method: operation.method.toUpperCase(),
          headers: { ...request.headers, accept: 'application/json', authorization: 'Bearer x', prefer: `code=${status}` },
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
        });
        problems.push(...answerProblems(response, await response.text(), status, contract).map((problem) => `${where}: ${problem}`));
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
  }
  if (exchanges.length === 0) problems.push('the document has no operation');
  return { exchanges, problems };
}

function answerProblems(response: Response, body: string, status: string, contract: ResponseContract): string[] {
  const problems: string[] = [];
  if (String(response.status) !== status) problems.push(`answered ${response.status}`);
  // Prism answers even when the request (or its own answer) breaks the document, and lists why in this header.
  const violations = response.headers.get('sl-violations');
  if (violations !== null) problems.push(`Prism reports violations: ${violations}`);
  for (const name of contract.requiredHeaders) if (!response.headers.has(name)) problems.push(`no ${name} header`);
  if (contract.validateBody === undefined) {
    if (body !== '') problems.push(`a body where the bundle defines none: ${body}`);
    return problems;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [...problems, `the body is not JSON: ${body}`];
  }
  if (!contract.validateBody(parsed)) problems.push(`${describeErrors(contract.validateBody.errors)} in ${body}`);
  return problems;
}
