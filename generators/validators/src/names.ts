import type { ContractModel, HttpOperation, HttpResponse } from '@iotv1/generator-kit';

/** The exported name of every validated shape, derived from schema titles and operation ids. */
export interface ValidatorNames {
  /** Schema `$id` -> type and validator base name (its title). */
  readonly bySchemaId: ReadonlyMap<string, string>;
  /** Base name of an operation's path-parameter object, for example `SubmitFeedDataParams`. */
  params(operation: HttpOperation): string;
  /** Base name of a response body that has no schema file of its own. */
  /** A shared response (`components/responses/Forbidden`) is one validator for every operation that lists it. */
  inlineResponse(operation: HttpOperation, response: HttpResponse): string;
}

export function validatorNames(model: ContractModel): ValidatorNames {
  const bySchemaId = new Map(model.schemas.map((s) => [s.id, String(s.schema.title)]));
  const pascal = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);
  const titles = new Set(bySchemaId.values());
  return {
    bySchemaId,
    params: (operation) => `${pascal(operation.operationId)}Params`,
    inlineResponse: (operation, response) => {
      const shared = response.component === null ? undefined : `${pascal(response.component)}Response`;
      // A name a schema file already has (its title) stays the schema's: the response is then named per operation.
      return shared !== undefined && !titles.has(shared) ? shared : `${pascal(operation.operationId)}Response${response.status}`;
    },
  };
}
