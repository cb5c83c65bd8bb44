import { CATEGORY_OF_CLASS, type ContractModel } from '@iotv1/generator-kit';
import { codeId, href, SECTION } from './anchors.js';
import { code, type Inline, joined, link, text } from './inline.js';

/**
 * The hand-written prose of the docs, in one place: the HTML page, response-codes.md and reference.md all render
 * it from here. Every code, status and class it names comes from the model, so the prose cannot drift from the spec.
 */

export const SECTION_TITLES: readonly { readonly id: string; readonly title: string }[] = [
  { id: SECTION.codes, title: 'Response codes' },
  { id: SECTION.errorResponse, title: 'Error response' },
  { id: SECTION.feedDataStatuses, title: 'Feed-data statuses' },
  { id: SECTION.ack, title: 'MQTT acknowledgement' },
  { id: SECTION.rules, title: 'Device handling rules' },
  { id: SECTION.https, title: 'HTTPS operations' },
  { id: SECTION.mqtt, title: 'MQTT channels' },
  { id: SECTION.schemas, title: 'Schemas' },
  { id: SECTION.snippets, title: 'Client snippets' },
];

export const titleOf = (id: string): string => SECTION_TITLES.find((section) => section.id === id)!.title;

const codeLink = (value: number): Inline => [link(String(value), href(codeId(value)), true)];
const values = (list: readonly { readonly value: string }[], last: string): Inline =>
  joined(
    list.map((item) => [code(item.value)]),
    last,
  );

/** Why there is a code beside the HTTP status, and the promise that a code's meaning never changes. */
export function registryIntro(): Inline[] {
  return [
    [
      text('Every HTTPS response carries a numeric response code, '),
      code('code'),
      text(', for firmware-level handling. It is distinct from the HTTP status: use the HTTP status for transport handling, then '),
      code('code'),
      text(' for stable application behaviour. Error responses also carry '),
      code('error.type'),
      text(', the readable label of the code, which is not a second code system.'),
    ],
    [
      text('MQTT feed-data acknowledgements carry no numeric code: they use '),
      code('status'),
      text(', '),
      code('retryable'),
      text(' and, when rejected, '),
      code('error.type'),
      text('.'),
    ],
    [
      text(
        'Existing meanings are stable: later versions of the contract only add codes and never change what an existing code means. A retired code stays listed, so its number is never reused.',
      ),
    ],
  ];
}

/** The sentence under the registry table: how to link to one code. */
export function anchorHint(model: ContractModel): Inline {
  const example = (model.registry.find((entry) => entry.retryable) ?? model.registry[0]!).code;
  return [
    text('Every code has its own anchor, so a log line or a ticket can link to it: '),
    link(`#${codeId(example)}`, href(codeId(example)), true),
    text('.'),
  ];
}

export const ERROR_RESPONSE_INTRO: Inline = [
  text('Every HTTPS error response has this body. Handle '),
  code('code'),
  text('; '),
  code('error.type'),
  text(' and '),
  code('error.details'),
  text(' are for diagnostics, and '),
  code('request_id'),
  text(' is what support asks for.'),
];

export function feedDataStatusesIntro(): Inline {
  return [
    text('A successful feed-data submission over HTTPS says in '),
    code('status'),
    text(' how the readings were taken; an MQTT acknowledgement carries the same values (see '),
    link(titleOf(SECTION.ack), href(SECTION.ack)),
    text(').'),
  ];
}

/** The rules a device follows for every answer it gets. Codes, statuses and classes come from the model. */
export function handlingRules(model: ContractModel): Inline[] {
  const active = model.registry.filter((entry) => entry.retired === null);
  const retryable = active.filter((entry) => entry.retryable);
  return [
    [text('For HTTPS requests, check the HTTP status first, for transport-level success or failure.')],
    [text('Then use the top-level '), code('code'), text(' for stable firmware behaviour.')],
    [
      text('Use the '),
      link('feed-data statuses', href(SECTION.feedDataStatuses)),
      text(' ('),
      ...values(model.feedDataStatuses, ' and '),
      text(') for successful feed-data outcomes.'),
    ],
    retryable.length === 0
      ? [text('No code of this version is retryable: do not send a request again unchanged.')]
      : [
          text('Send the same request again only after a retryable code ('),
          ...joined(
            retryable.map((entry) => [...codeLink(entry.code), text(` ${entry.message}`)]),
            ' or ',
          ),
          text('), and not before the '),
          code('Retry-After'),
          text(' seconds have passed; a retried feed-data submission keeps its '),
          code('message_id'),
          text('. Do not send any other failed request again unchanged.'),
        ],
    [
      text('Handle a code this firmware does not know yet (one added after it was built) by its class: '),
      ...joined(
        Object.entries(CATEGORY_OF_CLASS).map(([digit, category]) => [code(`${digit}xxx`), text(` ${category}`)]),
        ', ',
      ),
      text('. Do not retry it.'),
    ],
    [
      text('For MQTT feed-data publishes, wait for the '),
      link('application acknowledgement', href(SECTION.ack)),
      text(' and use its '),
      code('status'),
      text(' ('),
      ...values(model.ackStatuses, ' or '),
      text('), '),
      code('retryable'),
      text(' and optional '),
      code('error.type'),
      text('.'),
    ],
    [
      text('Use '),
      code('error.type'),
      text(' and '),
      code('error.details'),
      text(' for readable diagnostics, logs and developer tooling, after the response code is handled; '),
      code('error.message'),
      text(' is for people, not for program logic.'),
    ],
    [
      text('If a response from an older endpoint does not include '),
      code('code'),
      text(', fall back to the HTTP status: it stands for the code in the '),
      link('HTTP-status fallback', href(SECTION.fallback)),
      text(' table.'),
    ],
  ];
}

/** HTTP status -> the code a response without `code` stands for (the registry's fallback entries). */
export function fallbackRows(model: ContractModel): readonly { readonly httpStatus: number; readonly code: number }[] {
  return model.registry
    .filter((entry) => entry.httpFallback)
    .map((entry) => ({ httpStatus: entry.httpStatus, code: entry.code }))
    .sort((a, b) => a.httpStatus - b.httpStatus);
}

/**
 * Where `@iotv1/spec`'s generated files sit beside `@iotv1/docs`' (both in packages/, both in node_modules/@iotv1/),
 * from src/gen/site/ and src/gen/markdown/.
 */
const SPEC_PACKAGE = '../../../../spec/src/gen/';

/** Under the schemas' heading: the single-file documents, for tools that take one file. */
export const BUNDLES_NOTE: Inline = [
  text('For tools that take one file (Swagger UI, Postman, Prism, code generators), '),
  code('@iotv1/spec'),
  text(' holds both APIs as bundled documents, every reference internal: '),
  ...['openapi.json', 'openapi.yaml', 'asyncapi.json', 'asyncapi.yaml'].flatMap((file, i) => [
    ...(i > 0 ? [text(', ')] : []),
    link(file, `${SPEC_PACKAGE}${file}`, true),
  ]),
  text(', and these schema files.'),
];

export const MQTT_CODES_NOTE: Inline = [
  text('Carries no numeric code: a rejected acknowledgement names the code by its '),
  code('error.type'),
  text(', and may carry the error type of any of these codes:'),
];
