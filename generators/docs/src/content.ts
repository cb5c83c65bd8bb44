import type { ContractModel } from '@iotv1/generator-kit';
import { SECTION_TITLES } from './prose.js';
import { type HandlingRulesSection, handlingRulesSection } from './sections/handling-rules.js';
import { type HttpsSection, httpsSection } from './sections/https.js';
import { indexModel } from './sections/model-index.js';
import { type MqttSection, mqttSection } from './sections/mqtt.js';
import {
  type AckSection,
  ackSection,
  type ErrorResponseSection,
  errorResponseSection,
  type FeedDataStatusesSection,
  feedDataStatusesSection,
} from './sections/payloads.js';
import { type RegistrySection, registrySection } from './sections/registry.js';
import { type SchemasSection, schemasSection } from './sections/schemas.js';
import { type Snippets, snippets } from './sections/snippets.js';

/**
 * Everything the docs say, section by section, format-neutral and unescaped. Built once from the Contract Model:
 * the HTML page and the Markdown files are views of it, so they cannot disagree.
 */
export interface DocsContent {
  readonly version: string;
  readonly title: string;
  readonly toc: typeof SECTION_TITLES;
  readonly registry: RegistrySection;
  readonly errorResponse: ErrorResponseSection;
  readonly feedDataStatuses: FeedDataStatusesSection;
  readonly ack: AckSection;
  readonly handlingRules: HandlingRulesSection;
  readonly https: HttpsSection;
  readonly mqtt: MqttSection;
  readonly schemas: SchemasSection;
  readonly snippets: Snippets;
}

export function docsContent(model: ContractModel): DocsContent {
  const index = indexModel(model);
  return {
    version: model.version,
    title: model.http.title,
    toc: SECTION_TITLES,
    registry: registrySection(index),
    errorResponse: errorResponseSection(index),
    feedDataStatuses: feedDataStatusesSection(index),
    ack: ackSection(index),
    handlingRules: handlingRulesSection(index),
    https: httpsSection(index),
    mqtt: mqttSection(index),
    schemas: schemasSection(index),
    snippets: snippets(model),
  };
}
