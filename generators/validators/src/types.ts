import { type ContractModel, schemaIndex } from '@iotv1/generator-kit';
import { schemaDeclarations, typeableSchema } from '@iotv1/generator-kit/schema-declarations';

/** TypeScript types of every schema file, one declaration per title; a reference to another file is its title. */
export async function schemaTypes(model: ContractModel): Promise<string> {
  const index = schemaIndex(model);
  const titleOf = (id: string): string => String(index.get(id).schema.title);
  return schemaDeclarations(model.schemas.map((document) => typeableSchema(document, index, titleOf)));
}
