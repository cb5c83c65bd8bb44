import type { ContractModel, HttpOperation } from '@iotv1/generator-core/kit';

/** The exported name of every validated shape, derived from schema titles and operation ids. */
export interface ValidatorNames {
  /** Schema `$id` -> type and validator base name (its title). */
  readonly bySchemaId: ReadonlyMap<string, string>;
  /** Base name of an operation's path-parameter object, for example `SubmitFeedDataParams`. */
  params(operation: HttpOperation): string;
  /** Base name of a response body that has no schema file of its own. */
  inlineResponse(operation: HttpOperation, status: number): string;
}

export function validatorNames(model: ContractModel): ValidatorNames {
  const bySchemaId = new Map(model.schemas.map((s) => [s.id, String(s.schema.title)]));
  const pascal = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);
  return {
    bySchemaId,
    params: (operation) => `${pascal(operation.operationId)}Params`,
    inlineResponse: (operation, status) => `${pascal(operation.operationId)}Response${status}`,
  };
}
