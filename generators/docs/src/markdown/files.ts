import { href, SECTION } from '../anchors.js';
import type { DocsContent } from '../content.js';
import { mdFence, mdText } from './escape.js';
import { type MdHandlingRules, mdHandlingRules } from './handling-rules.js';
import { type MdHttps, mdHttps } from './https.js';
import { type MdMqtt, mdMqtt } from './mqtt.js';
import { type MdAck, type MdErrorResponse, type MdFeedDataStatuses, mdAck, mdErrorResponse, mdFeedDataStatuses } from './payloads.js';
import { type MdRegistry, mdRegistry } from './registry.js';
import { type MdSchemas, mdSchemas } from './schemas.js';
import { type MarkdownScope, markdownScope } from './scope.js';

/** The Markdown files: `response-codes.md` holds the registry and the handling rules, `reference.md` everything. */
export const MARKDOWN = { codes: 'response-codes.md', reference: 'reference.md' } as const;

interface MdFile {
  readonly banner: readonly string[];
  readonly title: string;
  readonly version: string;
  readonly section: typeof SECTION;
  readonly registry: MdRegistry;
  readonly handlingRules: MdHandlingRules;
}

export interface MdResponseCodes extends MdFile {
  readonly referenceFile: string;
}

export interface MdReference extends MdFile {
  readonly codesFile: string;
  readonly toc: readonly { readonly title: string; readonly href: string }[];
  readonly errorResponse: MdErrorResponse;
  readonly feedDataStatuses: MdFeedDataStatuses;
  readonly ack: MdAck;
  readonly https: MdHttps;
  readonly mqtt: MdMqtt;
  readonly schemas: MdSchemas;
  readonly snippets: { readonly typescript: string; readonly c: string };
}

export function mdResponseCodes(content: DocsContent, banner: readonly string[]): MdResponseCodes {
  const local = new Set<string>([SECTION.codes, SECTION.rules, SECTION.fallback, ...content.registry.codes.map((entry) => entry.id)]);
  // A link to anything this file does not hold goes to the same anchor in reference.md.
  const scope = markdownScope((fragment) => (local.has(fragment.slice(1)) ? fragment : `${MARKDOWN.reference}${fragment}`));
  return { ...mdFile(content, banner, scope), referenceFile: MARKDOWN.reference };
}

export function mdReference(content: DocsContent, banner: readonly string[]): MdReference {
  const scope = markdownScope((fragment) => fragment);
  return {
    ...mdFile(content, banner, scope),
    codesFile: MARKDOWN.codes,
    toc: content.toc.map((section) => ({ title: mdText(section.title), href: scope.href(href(section.id)) })),
    errorResponse: mdErrorResponse(content.errorResponse, scope),
    feedDataStatuses: mdFeedDataStatuses(content.feedDataStatuses, scope),
    ack: mdAck(content.ack, scope),
    https: mdHttps(content.https, scope),
    mqtt: mdMqtt(content.mqtt, scope),
    schemas: mdSchemas(content.schemas, scope),
    snippets: { typescript: mdFence(content.snippets.typescript, 'ts'), c: mdFence(content.snippets.c, 'c') },
  };
}

function mdFile(content: DocsContent, banner: readonly string[], scope: MarkdownScope): MdFile {
  return {
    banner,
    title: mdText(content.title),
    version: mdText(content.version),
    section: SECTION,
    registry: mdRegistry(content.registry, scope),
    handlingRules: mdHandlingRules(content.handlingRules, scope),
  };
}
