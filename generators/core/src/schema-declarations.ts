import { compile, type JSONSchema } from 'json-schema-to-typescript';

/** A JSON Schema to declare as a TypeScript type, named after its title. */
export interface TypeToDeclare {
  readonly name: string;
  /** Prepared by the generator: references to other files already replaced by `tsType` names. */
  readonly schema: unknown;
}

/**
 * TypeScript declarations of JSON Schemas by json-schema-to-typescript, formatted like every generated package, with
 * nothing fetched. Each type must be declared once: two schemas declaring one name are an error, not `Foo1`.
 */
export async function schemaDeclarations(types: readonly TypeToDeclare[]): Promise<string> {
  const declarations: string[] = [];
  for (const { name, schema } of types) {
    declarations.push(
      await compile(schema as JSONSchema, name, {
        bannerComment: '',
        format: true,
        style: { singleQuote: true, printWidth: 120 },
        unknownAny: true,
        strictIndexSignatures: true,
        declareExternallyReferenced: true,
        $refOptions: { resolve: { external: false } },
      }),
    );
  }
  const source = declarations.join('\n');
  const names = [...source.matchAll(/^export (?:type|interface) (\w+)/gm)].map(([, name]) => name);
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length > 0) throw new Error(`two schemas declare the type ${twice.join(', ')}: give their titles distinct names`);
  return source;
}
