import { SECTION } from './anchors.js';
import type { CodeRef, DocsContent, Example } from './content.js';
import type { Inline } from './inline.js';
import { mdCode, mdFence, mdInline, mdText, type Where } from './markdown.js';
import type { Field } from './schema-text.js';

/**
 * The Markdown views: every value already escaped for the spot it lands in (the templates use `noEscape`).
 * `response-codes.md` holds the registry and the handling rules; everything else links into `reference.md`.
 */
export const MARKDOWN = { codes: 'response-codes.md', reference: 'reference.md' } as const;

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

export function markdownView(content: DocsContent, banner: readonly string[], file: (typeof MARKDOWN)[keyof typeof MARKDOWN]) {
  const local = new Set<string>(file === MARKDOWN.reference ? [] : [SECTION.codes, SECTION.rules, SECTION.fallback, ...content.codes.map((entry) => entry.id)]);
  // Links in response-codes.md to anything it does not hold go to the same anchor in reference.md.
  const resolve = (href: string): string => (file === MARKDOWN.reference || local.has(href.slice(1)) ? href : `${MARKDOWN.reference}${href}`);
  const md = (parts: Inline, where: Where = 'block'): string => mdInline(parts, where, resolve);
  const cell = (parts: Inline): string => md(parts, 'cell');
  const refs = (codes: readonly CodeRef[]): string =>
    codes.map((ref) => `[${mdCode(String(ref.code))} ${mdText(ref.message)}](${resolve(ref.href)})`).join(', ');
  const fields = (list: readonly Field[]): string[] => [
    row(['Field', 'Type', 'Required', 'Description']),
    row(['---', '---', '---', '---']),
    ...list.map((field) => row([mdCode(field.name, 'cell'), cell(field.type), field.required ? 'yes' : 'no', cell(field.description)])),
  ];
  const examples = (list: readonly Example[]): string[] =>
    list.map((example) =>
      [
        `Example${example.name === '' ? '' : ` ${mdCode(example.name)}`}${example.summary === '' ? '' : `: ${mdText(example.summary)}`}`,
        '',
        mdFence(example.json, 'json'),
      ].join('\n'),
    );

  return {
    // An HTML comment ends at `--`; the banner holds package names and versions only, but stay safe.
    banner: banner.map((line) => line.replace(/--/g, '- -')),
    title: mdText(content.https.title),
    version: mdText(content.version),
    contentHash: mdCode(content.contentHash),
    referenceFile: MARKDOWN.reference,
    codesFile: MARKDOWN.codes,
    toc: content.sections.map((section) => `[${mdText(section.title)}](${resolve(`#${section.id}`)})`),
    section: SECTION,
    intro: content.intro.map((p) => md(p)),
    anchorHint: md(content.anchorHint),
    bundlesNote: md(content.bundlesNote),
    codeTable: [
      row(['Code', 'Message', 'Meaning', 'Category', '`error.type`', 'HTTP', 'Retryable', 'Since', 'Returned by']),
      row(['---:', '---', '---', '---', '---', '---:', '---', '---', '---']),
      ...content.codes.map((entry) =>
        row([
          `<a id="${entry.id}"></a>${entry.code}`,
          mdText(entry.message, 'cell'),
          entry.retiredReason === null ? mdText(entry.meaning, 'cell') : `${mdText(entry.meaning, 'cell')} *Retired: ${mdText(entry.retiredReason, 'cell')}*`,
          mdText(entry.category, 'cell'),
          entry.errorType === null ? 'n/a' : mdCode(entry.errorType, 'cell'),
          String(entry.httpStatus),
          entry.retryable ? 'yes' : 'no',
          mdText(entry.since, 'cell'),
          entry.producers.length === 0
            ? 'none'
            : entry.producers
                .map((group) => `${group.transport}: ${group.items.map((p) => `[${mdCode(p.label, 'cell')}](${resolve(p.href)})`).join(', ')}`)
                .join('; '),
        ]),
      ),
    ].join('\n'),
    errorResponse: {
      intro: md(content.errorResponse.intro),
      schema: md(content.errorResponse.schema),
      fields: fields(content.errorResponse.fields).join('\n'),
      examples: examples(content.errorResponse.examples),
    },
    feedDataStatuses: {
      intro: md(content.feedDataStatuses.intro),
      table: [
        row(['Status', 'Meaning']),
        row(['---', '---']),
        ...content.feedDataStatuses.values.map((s) => row([mdCode(s.value, 'cell'), cell(s.description)])),
      ].join('\n'),
    },
    ack: {
      description: content.ack.description.map((p) => md(p)),
      schema: md(content.ack.schema),
      fields: fields(content.ack.fields).join('\n'),
      statuses: [row(['Status', 'Meaning']), row(['---', '---']), ...content.ack.statuses.map((s) => row([mdCode(s.value, 'cell'), cell(s.description)]))].join(
        '\n',
      ),
    },
    rules: content.rules.map((rule) => md(rule)),
    fallback: [
      row(['HTTP status', 'Stands for code']),
      row(['---:', '---']),
      ...content.fallback.map((f) =>
        row([String(f.httpStatus), `[${mdCode(String(f.code.code), 'cell')} ${mdText(f.code.message, 'cell')}](${resolve(f.code.href)})`]),
      ),
    ].join('\n'),
    https: {
      description: content.https.description.map((p) => md(p)),
      servers: content.https.servers.map((s) => `${mdCode(s.url)}: ${mdText(s.description)}`),
      security: content.https.security.map((s) => `${mdCode(s.name)} (${mdText(s.kind)}): ${md(s.description)}`),
    },
    operations: content.httpsOperations.map((op) => ({
      id: op.id,
      heading: `${mdText(op.method)} ${mdCode(op.path)}`,
      summary: md(op.summary),
      description: op.description.map((p) => md(p)),
      operationId: mdCode(op.operationId),
      security: op.security.length === 0 ? 'none' : op.security.map((s) => md(s)).join('; '),
      parameters:
        op.parameters.length === 0
          ? ''
          : [
              row(['Name', 'In', 'Required', 'Type', 'Description', 'Example']),
              row(['---', '---', '---', '---', '---', '---']),
              ...op.parameters.map((p) =>
                row([
                  mdCode(p.name, 'cell'),
                  mdText(p.in, 'cell'),
                  p.required ? 'yes' : 'no',
                  cell(p.type),
                  cell(p.description),
                  p.example === null ? '' : mdCode(p.example, 'cell'),
                ]),
              ),
            ].join('\n'),
      requestBody:
        op.requestBody === null
          ? null
          : {
              line: `${mdCode(op.requestBody.mediaType)}, ${op.requestBody.required ? 'required' : 'optional'}: ${md(op.requestBody.schema)}. ${md(op.requestBody.description)}`.trim(),
              examples: examples(op.requestBody.examples),
            },
      codes: refs(op.codes),
      responses: op.responses.map((r) => ({
        heading: `${r.status} ${md(r.description)}`.trim(),
        body: `Body: ${mdCode(r.mediaType)}, ${md(r.schema)}.${r.codes.length === 0 ? '' : ` Codes: ${refs(r.codes)}.`}`,
        headers: r.headers.map((h) => `Header ${mdCode(h.name)} (${h.required ? 'always' : 'optional'}, ${md(h.type)}): ${md(h.description)}`),
        examples: examples(r.examples),
      })),
    })),
    mqtt: {
      description: content.mqtt.description.map((p) => md(p)),
      servers: content.mqtt.servers.map((s) => `${mdCode(s.url)} (${mdText(s.protocol)}): ${mdText(s.description)}`),
    },
    messages: content.mqttMessages.map((m) => ({
      id: m.id,
      heading: `${mdText(m.title)} ${mdCode(m.address)}`,
      summary: md(m.summary),
      facts: [
        `Message ${mdCode(m.name)} on channel ${mdCode(m.channel)}. ${mdText(m.direction)}`,
        `Channel: ${md(m.channelDescription)}`,
        `Payload: ${md(m.payload)}`,
      ],
      parameters:
        m.parameters.length === 0
          ? ''
          : [row(['Name', 'Description']), row(['---', '---']), ...m.parameters.map((p) => row([mdCode(p.name, 'cell'), cell(p.description)]))].join('\n'),
      codes: m.codes.length === 0 ? '' : `${md(content.mqttCodesNote)} ${refs(m.codes)}.`,
      examples: examples(m.examples),
    })),
    schemas: content.schemas.map((s) => ({
      id: s.id,
      heading: mdText(s.title),
      where: `${mdCode(s.file)}, ${mdCode(s.uri)}`,
      description: s.description.map((p) => md(p)),
      isRegistry: s.isRegistry,
      codesLink: `[response codes](${resolve(`#${SECTION.codes}`)})`,
      type: s.type === null ? '' : `Type: ${md(s.type)}.`,
      fields: s.fields.length === 0 ? '' : fields(s.fields).join('\n'),
      closed: s.closed && s.fields.length > 0,
      examples: examples(s.examples),
    })),
    snippets: { typescript: mdFence(content.snippets.typescript, 'ts'), c: mdFence(content.snippets.c, 'c') },
  };
}
