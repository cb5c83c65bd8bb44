import { createRequire } from 'node:module';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import type { SchemaDocument } from './model.js';
import { isExternalRef, type SchemaIndex } from './schema-index.js';

// Through CommonJS, like openapi-typescript loads it, so a thread that runs both loads the compiler once.
const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');

/** A JSON Schema to declare as a TypeScript type, named after its title. */
export interface TypeToDeclare {
  readonly name: string;
  /** Prepared by `typeableSchema`: references to other files already replaced by `tsType` names. */
  readonly schema: unknown;
}

/**
 * A schema file prepared for json-schema-to-typescript: a reference to another file becomes the type `typeOf` names
 * for that file's `$id` (so each type is declared once, no `Foo1`/`Foo2`, and nothing is fetched), and the titles of
 * `const` branches (registry messages, not type names) are dropped.
 */
export function typeableSchema(document: SchemaDocument, index: SchemaIndex, typeOf: (id: string) => string): TypeToDeclare {
  const prepare = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(prepare);
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Record<string, unknown>;
    if (isExternalRef(record.$ref)) return { tsType: typeOf(index.targetOf(record.$ref, document)) };
    const copy = Object.fromEntries(Object.entries(record).map(([key, value]) => [key, key === 'examples' ? value : prepare(value)]));
    if ('const' in copy && record !== document.schema) delete copy.title;
    return copy;
  };
  return { name: String(document.schema.title), schema: prepare(document.schema) };
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
