import { banner, type ContractModel, contractStamp, type GeneratedFile, type Generator, generatorIdentity, jsonFile } from '@iotv1/generator-kit';
import { docsContent } from './content.js';
import { htmlPage } from './html/page.js';
import { MARKDOWN, mdReference, mdResponseCodes } from './markdown/files.js';
import { asset, htmlTemplate, markdownTemplate } from './templates.js';

const OUT_DIR = 'packages/docs/src/gen';
const packageJson = generatorIdentity(new URL('../package.json', import.meta.url));

const page = htmlTemplate('index.hbs');
const responseCodes = markdownTemplate('response-codes.hbs');
const reference = markdownTemplate('reference.hbs');

/** `packages/docs/src/gen` (`@iotv1/docs`): the reference as one offline HTML page and as Markdown. */
export const docsGenerator: Generator = {
  name: packageJson.name,
  version: packageJson.version,
  outDir: OUT_DIR,
  generate(model: ContractModel): GeneratedFile[] {
    const lines = banner.htmlLines(docsGenerator);
    const content = docsContent(model);
    const assets = { style: asset('site.css'), script: asset('filter.js') };
    return [
      { path: `${OUT_DIR}/contract.json`, content: jsonFile(contractStamp(docsGenerator, model)) },
      { path: `${OUT_DIR}/site/index.html`, content: page(htmlPage(content, lines, assets)) },
      { path: `${OUT_DIR}/markdown/${MARKDOWN.codes}`, content: responseCodes(mdResponseCodes(content, lines)) },
      { path: `${OUT_DIR}/markdown/${MARKDOWN.reference}`, content: reference(mdReference(content, lines)) },
    ];
  },
};
