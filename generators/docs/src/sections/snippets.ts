import type { ContractModel } from '@iotv1/generator-kit';

/**
 * Usage snippets for the TypeScript client (`@iotv1/client`) and the C header (`iotv1.h`), in one place. Constant
 * names and the operation come from the spec; only the call shape is written here.
 */
export interface Snippets {
  readonly typescript: string;
  readonly c: string;
}

export function snippets(model: ContractModel): Snippets {
  const active = model.registry.filter((entry) => entry.retired === null);
  const success = active.find((entry) => entry.category === 'Success') ?? active[0]!;
  const retryable = active.filter((entry) => entry.retryable);
  // The operation a device calls most: the first that sends a body (submitFeedData in iot/v1).
  const operation = model.operations.find((op) => op.requestBody !== null) ?? model.operations[0]!;
  const pathParameters = operation.parameters.filter((p) => p.in === 'path' && /^[A-Za-z_$][\w$]*$/.test(p.name)).map((p) => p.name);
  const params = `{ ${pathParameters.join(', ')} }`;
  const args = ['client', params, ...(operation.requestBody === null ? [] : ['body'])].join(', ');
  const fn = /^[A-Za-z_$][\w$]*$/.test(operation.operationId) ? operation.operationId : 'call';

  const typescript = [
    `import { createClient, ${fn} } from '@iotv1/client';`,
    "import { ResponseCodes } from '@iotv1/registry';",
    '',
    'const client = createClient({ baseUrl, token });',
    `const result = await ${fn}(${args});`,
    'switch (result.code) {',
    `  case ResponseCodes.${success.constantName}:`,
    '    break;',
    ...retryable.map((entry) => `  case ResponseCodes.${entry.constantName}:`),
    ...(retryable.length === 0 ? [] : ['    break; // already retried by the client (same message, after Retry-After)']),
    '  case null: // a transport failure, or a code newer than this client (result.category)',
    '    break;',
    '  default:',
    '    log(result.code, result.errorType); // error.type and error.details are for the log',
    '}',
  ].join('\n');

  const c = [
    '#include "iotv1.h"',
    '',
    '/* has_code is 0 when an older endpoint sent no "code": the HTTP status decides. */',
    'iotv1_action_t action = iotv1_handle_response(http_status, has_code, code);',
    'switch (action) {',
    'case IOTV1_ACTION_SUCCESS:        break;',
    ...(retryable.length === 0 ? [] : [`/* ${retryable.map((entry) => `IOTV1_CODE_${entry.constantName}`).join(', ')}: */`]),
    'case IOTV1_ACTION_RETRY_LATER:    retry_after(seconds); break;',
    'case IOTV1_ACTION_REAUTHENTICATE: renew_token(); break;',
    'case IOTV1_ACTION_FIX_REQUEST:    log_code(code); break;',
    'case IOTV1_ACTION_GIVE_UP:',
    'default:                          give_up(code); break;',
    '}',
  ].join('\n');

  return { typescript, c };
}
