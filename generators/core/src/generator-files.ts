import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/** A generator package's own files, found from one of its modules in dist/ (pass `import.meta.url`). */
export function generatorFiles(moduleUrl: string): {
  /** A template of `templates/`, strict, without HTML escaping: the view model escapes each value for its target. */
  template(name: string): HandlebarsTemplateDelegate;
  /** A file of `runtime/`, copied as it is into the generated package. */
  runtime(name: string): string;
} {
  const read = (directory: string, name: string): string => readFileSync(new URL(`../${directory}/${name}`, moduleUrl), 'utf8');
  return {
    template: (name) => Handlebars.compile(read('templates', name), { noEscape: true, strict: true }),
    runtime: (name) => read('runtime', name),
  };
}
