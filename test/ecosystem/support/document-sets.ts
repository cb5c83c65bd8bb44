/** One set of documents every tool is run on; paths are relative to the repository root. */
export interface DocumentSet {
  /** Names its work directory. */
  readonly id: string;
  readonly name: string;
  readonly openapi: readonly string[];
  readonly asyncapi: readonly string[];
  readonly schemaDir: string;
}

/** Response schemas are always taken from here: a single file, every `$ref` internal, no `$id`s. */
export const BUNDLED_OPENAPI = 'packages/spec/src/gen/openapi.json';

export const DOCUMENT_SETS: readonly DocumentSet[] = [
  {
    id: 'spec',
    name: 'spec/ as committed',
    openapi: ['spec/openapi.yaml'],
    asyncapi: ['spec/asyncapi.yaml'],
    schemaDir: 'spec/schemas',
  },
  {
    id: 'bundle',
    name: 'packages/spec/ bundled',
    openapi: [BUNDLED_OPENAPI, 'packages/spec/src/gen/openapi.yaml'],
    asyncapi: ['packages/spec/src/gen/asyncapi.json', 'packages/spec/src/gen/asyncapi.yaml'],
    schemaDir: 'packages/spec/src/gen/schemas',
  },
];
