import { type ContractModel, isRecord } from '@iotv1/generator-kit';

/**
 * `$id`s of the schema files that are components of `paths.ts`: openapi-typescript declares every schema of the
 * bundled OpenAPI document, where each schema file it takes in sits under its title. The MQTT types refer to these
 * instead of declaring them again.
 */
export function httpsSchemaIds(model: ContractModel): Set<string> {
  const components = model.bundles.openapi.components;
  const titles = new Set(Object.keys(isRecord(components) && isRecord(components.schemas) ? components.schemas : {}));
  return new Set(model.schemas.filter((document) => titles.has(String(document.schema.title))).map((document) => document.id));
}
