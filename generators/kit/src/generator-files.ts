import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/** A generator package's templates, found from one of its modules in dist/ (pass `import.meta.url`). */
export function generatorFiles(moduleUrl: string): {
  /** A template of `templates/`, strict, without HTML escaping: the view model escapes each value for its target. */
  template(name: string): HandlebarsTemplateDelegate;
} {
  const read = (name: string): string => readFileSync(new URL(`../templates/${name}`, moduleUrl), 'utf8');
  return { template: (name) => Handlebars.compile(read(name), { noEscape: true, strict: true }) };
}
