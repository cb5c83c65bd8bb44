import { createRequire } from 'node:module';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

// Through CommonJS, like openapi-typescript loads it, so a thread that runs both loads the compiler once.
const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');

/** A JSON Schema to declare as a TypeScript type, named after its title. */
export interface TypeToDeclare {
  readonly name: string;
  /** Prepared by the generator: references to other files already replaced by `tsType` names. */
  readonly schema: unknown;
}

/**
 * TypeScript declarations of JSON Schemas by json-schema-to-typescript, with nothing fetched, laid out by the
 * TypeScript printer (as openapi-typescript lays out `paths.ts`): Prettier, which json-schema-to-typescript would use,
 * costs a cold generation more than a tenth of a second to load. Each type must be declared once: two schemas
 * declaring one name are an error, not `Foo1`.
 */
export async function schemaDeclarations(types: readonly TypeToDeclare[]): Promise<string> {
  const declarations: string[] = [];
  for (const { name, schema } of types) {
    declarations.push(
      await compile(schema as JSONSchema, name, {
        bannerComment: '',
        format: false,
        unknownAny: true,
        strictIndexSignatures: true,
        declareExternallyReferenced: true,
        $refOptions: { resolve: { external: false } },
      }),
    );
  }
  const source = printed(declarations.join('\n'));
  const names = [...source.matchAll(/^export (?:type|interface) (\w+)/gm)].map(([, name]) => name);
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length > 0) throw new Error(`two schemas declare the type ${twice.join(', ')}: give their titles distinct names`);
  return source;
}

/** One declaration after another, a blank line between them. */
function printed(source: string): string {
  const file = ts.createSourceFile('declarations.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  return `${file.statements.map((statement) => printer.printNode(ts.EmitHint.Unspecified, statement, file)).join('\n\n')}\n`;
}
