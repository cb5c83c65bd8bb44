import type { ResponseContract } from './bundled-responses.js';
import { describeErrors } from './json-schema.js';
import { exampleRequest, type JsonObject, type Operation, operationsOf } from './openapi-document.js';
import { limitConcurrency } from './scheduling.js';

/** One exchange's bound: Prism takes seconds to answer when the other suites load both cores (14 s seen). */
const EXCHANGE_TIMEOUT_MS = 30_000;

export interface MockRound {
  /** `METHOD path status` of every exchange made. */
  readonly exchanges: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Exchanges in flight at a time: one. With eight, a loaded 2-core run lost POSTs to "fetch failed" (a reused
 * keep-alive socket the mock had closed; fetch retries only idempotent requests); one at a time still lost one
 * under the heaviest load, so such an exchange is also sent again once (sendOnFreshSocketIfClosed).
 */
const EXCHANGES_AT_ONCE = 1;

/**
 * For every operation of `document` and every status it lists, sends a valid request (the document's own examples,
 * a bearer token) asking the mock for that status (`Prefer: code=...`), and checks the answer against `contractOf`.
 * The exchanges are independent (the mock keeps no state), so several are in flight at once; problems are listed in
 * the order of the document.
 */
export async function exerciseMock(
  baseUrl: string,
  document: JsonObject,
  contractOf: (operation: Operation, status: string) => ResponseContract,
): Promise<MockRound> {
  const exchanges = operationsOf(document).flatMap((operation) => operation.statuses.map((status) => ({ operation, status })));
  const limit = limitConcurrency(EXCHANGES_AT_ONCE);
  const problems = await Promise.all(exchanges.map(({ operation, status }) => limit(() => exchangeProblems(baseUrl, document, operation, status, contractOf))));
  return {
    exchanges: exchanges.map(({ operation, status }) => `${operation.method.toUpperCase()} ${operation.path} ${status}`),
    problems: exchanges.length === 0 ? ['the document has no operation'] : problems.flat(),
  };
}

async function exchangeProblems(
  baseUrl: string,
  document: JsonObject,
  operation: Operation,
  status: string,
  contractOf: (operation: Operation, status: string) => ResponseContract,
): Promise<string[]> {
  const where = `${operation.method.toUpperCase()} ${operation.path} ${status}`;
  try {
    const request = exampleRequest(document, operation);
    const url = `${baseUrl}${request.path}${request.query.size > 0 ? `?${request.query}` : ''}`;
    const contract = contractOf(operation, status);
    const response = await sendOnFreshSocketIfClosed(url, {
      method: operation.method.toUpperCase(),
      headers: { ...request.headers, accept: 'application/json', authorization: 'Bearer x', prefer: `code=${status}` },
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    return answerProblems(response, await response.text(), status, contract).map((problem) => `${where}: ${problem}`);
  } catch (error) {
    const { message, cause } = error as Error;
    return [`${where}: ${message}${cause instanceof Error ? ` (${cause.message})` : ''}`];
  }
}

/**
 * One exchange, sent a second time only when the first never got an answer because the mock had closed the reused
 * keep-alive socket ("other side closed": fetch resends only idempotent requests itself, so a POST was lost on a
 * loaded machine). The mock keeps no state, so the second sending asks exactly what the first did.
 */
async function sendOnFreshSocketIfClosed(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, { ...init, signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) });
  }
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
