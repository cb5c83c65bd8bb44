import { createHash } from 'node:crypto';
import { SECTION } from '../anchors.js';
import type { DocsContent } from '../content.js';
import type { Snippets } from '../sections/snippets.js';
import { type HtmlHandlingRules, htmlHandlingRules } from './handling-rules.js';
import { type HtmlHttps, htmlHttps } from './https.js';
import { type HtmlMqtt, htmlMqtt } from './mqtt.js';
import { type HtmlAck, type HtmlErrorResponse, type HtmlFeedDataStatuses, htmlAck, htmlErrorResponse, htmlFeedDataStatuses } from './payloads.js';
import { type HtmlRegistry, htmlRegistry } from './registry.js';
import { type HtmlSchemas, htmlSchemas } from './schemas.js';

/** Static assets of the page (no spec text in them), inlined so that the page needs nothing beside itself. */
export interface Assets {
  readonly style: string;
  readonly script: string;
}

/** The page's view: one view per section, values as they are (the template's Handlebars escapes every one). */
export interface HtmlPage {
  readonly banner: readonly string[];
  readonly contentSecurityPolicy: string;
  readonly style: string;
  readonly script: string;
  readonly title: string;
  readonly version: string;
  readonly toc: DocsContent['toc'];
  readonly section: typeof SECTION;
  readonly registry: HtmlRegistry;
  readonly errorResponse: HtmlErrorResponse;
  readonly feedDataStatuses: HtmlFeedDataStatuses;
  readonly ack: HtmlAck;
  readonly handlingRules: HtmlHandlingRules;
  readonly https: HtmlHttps;
  readonly mqtt: HtmlMqtt;
  readonly schemas: HtmlSchemas;
  /** Plain text in `<pre>`: nothing to add. */
  readonly snippets: Snippets;
}

const cspHash = (source: string): string => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;

export function htmlPage(content: DocsContent, banner: readonly string[], assets: Assets): HtmlPage {
  return {
    banner,
    // Only the page's own style and script run: anything injected into the page would be refused even if it got in.
    contentSecurityPolicy: [
      "default-src 'none'",
      `style-src ${cspHash(assets.style)}`,
      `script-src ${cspHash(assets.script)}`,
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    style: assets.style,
    script: assets.script,
    title: content.title,
    version: content.version,
    toc: content.toc,
    section: SECTION,
    registry: htmlRegistry(content.registry),
    errorResponse: htmlErrorResponse(content.errorResponse),
    feedDataStatuses: htmlFeedDataStatuses(content.feedDataStatuses),
    ack: htmlAck(content.ack),
    handlingRules: htmlHandlingRules(content.handlingRules),
    https: htmlHttps(content.https),
    mqtt: htmlMqtt(content.mqtt),
    schemas: htmlSchemas(content.schemas),
    snippets: content.snippets,
  };
}
