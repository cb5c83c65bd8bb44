import {
  ACTION_OF_UNKNOWN_CODE,
  CATEGORY_OF_CLASS,
  type ContractModel,
  cCommentText,
  cString,
  DEVICE_ACTIONS,
  type DeviceAction,
  type ResponseCode,
} from '@iotv1/generator-kit';

/** The bit layout of gen/iotv1_tables.h that packages/c-header/src/iotv1.c reads (its IOTV1_TABLES_LAYOUT check). */
const TABLES_LAYOUT = 2;

/** The C name of a device action (`IOTV1_ACTION_RETRY_LATER`); its value is the action's index in DEVICE_ACTIONS. */
export const actionName = (action: DeviceAction): string => `IOTV1_ACTION_${action.toUpperCase()}`;

export const categoryName = (category: string): string => `IOTV1_CATEGORY_${category.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
export const codeName = (entry: ResponseCode): string => `IOTV1_CODE_${entry.constantName}`;
export const upperName = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** A C string macro: its literal and its length in bytes (the `_LEN` macro). */
export interface StringMacro {
  readonly name: string;
  readonly literal: string;
  readonly length: number;
}

const stringMacro = (name: string, value: string): StringMacro => ({ name, literal: cString(value), length: new TextEncoder().encode(value).length });

/** gen/iotv1_version.h: the contract's version and content hash, the one block that changes with every edit. */
export function versionView(model: ContractModel, banner: string) {
  const [major = '0', minor = '0', patch = '0'] = model.version.split('.');
  return { banner, specVersion: cString(model.version), major, minor, patch, contentHash: cString(model.contentHash), hashId: hashIdOf(model) };
}

/** gen/iotv1_registry.h: the codes, categories and strings iotv1.h declares. */
export function registryView(model: ContractModel, banner: string) {
  const categories = categoriesOf();
  const errorEntries = model.registry.filter((e) => e.errorType !== null);
  return {
    banner,
    codes: model.registry.map((e) => ({ name: codeName(e), value: e.code, comment: cCommentText(codeComment(e)) })),
    categories: categories.map((c, i) => ({ name: c.name, value: i + 1, separator: i === categories.length - 1 ? '' : ',' })),
    names: fieldNames(model),
    errorTypes: errorEntries.map((e) => stringMacro(`IOTV1_ERROR_TYPE_${upperName(e.errorType!)}`, e.errorType!)),
    statuses: [
      ...model.feedDataStatuses.map((s) => stringMacro(`IOTV1_STATUS_${upperName(s.value)}`, s.value)),
      ...model.ackStatuses
        .filter((s) => !model.feedDataStatuses.some((f) => f.value === s.value))
        .map((s) => stringMacro(`IOTV1_ACK_STATUS_${upperName(s.value)}`, s.value)),
    ],
  };
}

/** The value of an action in iotv1_action_t (iotv1.h numbers them in DEVICE_ACTIONS order). */
const actionValue = (action: DeviceAction): number => DEVICE_ACTIONS.indexOf(action);

/** gen/iotv1_tables.h: the tables iotv1.c searches. */
export function tablesView(model: ContractModel, banner: string) {
  const categories = categoriesOf();
  return {
    banner,
    layout: TABLES_LAYOUT,
    count: model.registry.length,
    entries: model.registry.map((e, i) => {
      const info = (e.httpStatus - 100) | (actionValue(e.action) << 9) | (e.httpFallback ? 0x8000 : 0);
      return {
        code: e.code,
        info: `0x${info.toString(16).padStart(4, '0')}`,
        separator: i === model.registry.length - 1 ? '' : ',',
        comment: cCommentText(`${e.code} ${e.errorType ?? e.message}: HTTP ${e.httpStatus}, ${e.action}${e.httpFallback ? ', fallback' : ''}`),
      };
    }),
    // Each piece is its own literal: a "\0" followed by a digit in one literal would read as a longer octal escape.
    packedErrorTypes: model.registry.map((e) => cString(`${e.errorType ?? ''}\0`)),
    packedSuccessStatuses: model.feedDataStatuses.map((s) => cString(`${s.value}\0`)),
    successStatusCount: model.feedDataStatuses.length,
    ...classRanges(categories),
  };
}

/**
 * Per thousands digit 0-9: the value of its iotv1_category_t (0 unclassifiable, then the categories in class order,
 * as the header numbers them) in the low four bits, the action for an unknown code of the class in the high four.
 */
function classRanges(categories: ReturnType<typeof categoriesOf>) {
  const byDigit = Array.from({ length: 10 }, (_, digit) => {
    const index = categories.findIndex((c) => c.digit === digit);
    const category = index === -1 ? undefined : categories[index]!;
    const action = actionValue(category === undefined ? 'give_up' : ACTION_OF_UNKNOWN_CODE[category.category]);
    return `0x${((action << 4) | (index + 1)).toString(16).padStart(2, '0')}u`;
  });
  return { classes: byDigit.join(', ') };
}

/** The categories in class order, with the range of codes of their class. */
function categoriesOf() {
  return Object.entries(CATEGORY_OF_CLASS)
    .map(([digit, category]) => ({
      digit: Number(digit),
      category,
      name: categoryName(category),
      first: Number(digit) * 1000,
      last: Number(digit) * 1000 + 999,
    }))
    .sort((a, b) => a.digit - b.digit);
}

/** The first 32 bits of the content hash, as a C constant. */
function hashIdOf(model: ContractModel): string {
  return `0x${model.contentHash.slice('sha256:'.length, 'sha256:'.length + 8)}UL`;
}

function codeComment(entry: ResponseCode): string {
  const retired = entry.retired === null ? '' : ` Retired: ${entry.retired.reason}.`;
  return `${entry.code} ${entry.message}: ${entry.meaning}. ${entry.category}, HTTP ${entry.httpStatus}${entry.retryable ? ', retryable' : ''}, since ${entry.since}.${retired}`;
}

/** Field names of the error envelope and of the acknowledgement (with their `error` objects), and Retry-After. */
function fieldNames(model: ContractModel): StringMacro[] {
  const names = new Set<string>();
  const collect = (schema: unknown): void => {
    const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
    for (const [name, property] of Object.entries(properties)) {
      names.add(name);
      collect(property);
    }
  };
  for (const id of [model.schemaIds.errorResponse, model.schemaIds.feedDataAck]) collect(model.schemas.find((s) => s.id === id)?.schema);
  for (const op of model.operations)
    for (const r of op.responses) for (const s of r.schemaId === null ? [] : [r.schemaId]) collect(model.schemas.find((d) => d.id === s)?.schema);
  const headers = new Set(model.operations.flatMap((op) => op.responses.flatMap((r) => r.headers.map((h) => h.name))));
  return [
    ...[...names].sort().map((name) => stringMacro(`IOTV1_FIELD_${upperName(name)}`, name)),
    ...[...headers].sort().map((name) => stringMacro(`IOTV1_HEADER_${upperName(name)}`, name)),
  ];
}
