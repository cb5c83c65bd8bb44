import { readFileSync } from 'node:fs';
import { bannerLines, type ContractModel, type GeneratedFile, type Generator, generatorIdentity, jsonFile } from '@iotv1/generator-core/kit';
import Handlebars from 'handlebars';
import { docsContent } from './content.js';
import { htmlView } from './html-view.js';
import { MARKDOWN, markdownView } from './markdown-view.js';

const OUT_DIR = 'packages/docs';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));

const source = (name: string): string => readFileSync(new URL(`../templates/${name}`, import.meta.url), 'utf8');

/** HTML keeps Handlebars' escaping on: every value from the spec is escaped where the template places it. */
const html = Handlebars.create();
for (const partial of ['inline', 'fields', 'examples', 'code-refs', 'paragraphs']) html.registerPartial(partial, source(`html/${partial}.hbs`));
const page = html.compile(source('html/index.hbs'), { strict: true });

/** Markdown values arrive escaped from the view model (`markdown.ts`), so Handlebars must not touch them. */
const markdown = Handlebars.create();
const compileMarkdown = (name: string): HandlebarsTemplateDelegate => markdown.compile(source(name), { noEscape: true, strict: true });
const responseCodes = compileMarkdown('markdown/response-codes.hbs');
const reference = compileMarkdown('markdown/reference.hbs');
const readme = compileMarkdown('README.md.hbs');

/** `packages/docs` (`@iotv1/docs`): the reference as one offline HTML page and as Markdown. */
export const docsGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    const banner = bannerLines(docsGenerator, model);
    const content = docsContent(model);
    const assets = { style: source('html/site.css'), script: source('html/filter.js') };
    const exampleCode = (model.registry.find((entry) => entry.retryable) ?? model.registry[0]!).code;
    return [
      { path: `${OUT_DIR}/package.json`, content: jsonFile(manifest(model)) },
      { path: `${OUT_DIR}/README.md`, content: readme({ banner, version: model.version, contentHash: model.contentHash, exampleCode }) },
      { path: `${OUT_DIR}/site/index.html`, content: page(htmlView(content, banner, assets)) },
      { path: `${OUT_DIR}/markdown/${MARKDOWN.codes}`, content: responseCodes(markdownView(content, banner, MARKDOWN.codes)) },
      { path: `${OUT_DIR}/markdown/${MARKDOWN.reference}`, content: reference(markdownView(content, banner, MARKDOWN.reference)) },
    ];
  },
};

function manifest(model: ContractModel): Record<string, unknown> {
  return {
    name: '@iotv1/docs',
    version: model.version,
    private: true,
    description: 'The iot/v1 device API reference: one offline HTML page and Markdown, generated from the contract.',
    license: 'Apache-2.0',
    files: ['site', 'markdown', 'README.md'],
    iotv1: { specVersion: model.version, contentHash: model.contentHash, generator: `${packageJson.name}@${packageJson.version}` },
  };
}
