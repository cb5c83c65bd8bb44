import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/**
 * The templates of each target, with that target's partials (`templates/<target>/partials/`). HTML keeps Handlebars'
 * escaping on, so every value from the spec is escaped where the template places it; Markdown values arrive escaped
 * from the view model, so Handlebars must not touch them. Both are strict: a name the view lacks is an error.
 */
const TEMPLATES = new URL('../templates/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, TEMPLATES), 'utf8');

function target(dir: 'html' | 'markdown', options: CompileOptions): (name: string) => HandlebarsTemplateDelegate {
  const handlebars = Handlebars.create();
  // Templates hold layout only: `#if` takes a flag the view computed, never a value to judge (a string, a list, null).
  handlebars.registerHelper('if', function (this: unknown, flag: unknown, block: Handlebars.HelperOptions) {
    if (typeof flag !== 'boolean') throw new TypeError(`{{#if}} in templates/${dir} takes a boolean of the view model, not ${typeof flag}`);
    return flag ? block.fn(this) : block.inverse(this);
  });
  handlebars.unregisterHelper('unless');
  handlebars.unregisterHelper('with');
  for (const file of readdirSync(new URL(`${dir}/partials/`, TEMPLATES))) {
    handlebars.registerPartial(file.replace(/\.hbs$/, ''), read(`${dir}/partials/${file}`));
  }
  return (name) => handlebars.compile(read(`${dir}/${name}`), options);
}

export const htmlTemplate = target('html', { strict: true });
export const markdownTemplate = target('markdown', { noEscape: true, strict: true });

/** A static asset of the page, inlined as it is. */
export const asset = (name: string): string => read(`html/${name}`);
