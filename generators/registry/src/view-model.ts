import { ACTION_OF_UNKNOWN_CODE, CATEGORIES, CATEGORY_OF_CLASS, type ContractModel, docCommentText, type ResponseCode, tsString } from '@iotv1/generator-kit';

/** A registry entry with every string already a TypeScript literal. */
export interface EntryView {
  readonly code: number;
  readonly constantName: string;
  readonly message: string;
  readonly meaning: string;
  readonly category: string;
  readonly errorType: string;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly action: string;
  readonly since: string;
  readonly httpFallback: boolean;
  readonly retired: string;
  /** One-line summary for the doc comment of the named constant. */
  readonly doc: string;
}

export interface RegistryView {
  readonly banner: string;
  readonly entries: readonly EntryView[];
  readonly classes: readonly { digit: number; category: string }[];
  readonly unknownCodeActions: readonly { category: string; action: string }[];
  readonly feedDataStatuses: readonly { value: string; doc: string }[];
  readonly ackStatuses: readonly { value: string; doc: string }[];
}

export function registryView(model: ContractModel, banner: string): RegistryView {
  const statusView = (s: { value: string; description: string }) => ({ value: tsString(s.value), doc: docCommentText(s.description) });
  return {
    banner,
    entries: model.registry.map(entryView),
    classes: Object.entries(CATEGORY_OF_CLASS)
      .map(([digit, category]) => ({ digit: Number(digit), category: tsString(category) }))
      .sort((a, b) => a.digit - b.digit),
    unknownCodeActions: CATEGORIES.map((category) => ({ category: tsString(category), action: tsString(ACTION_OF_UNKNOWN_CODE[category]) })),
    feedDataStatuses: model.feedDataStatuses.map(statusView),
    ackStatuses: model.ackStatuses.map(statusView),
  };
}

function entryView(entry: ResponseCode): EntryView {
  const retiredNote = entry.retired === null ? '' : ` Retired: ${entry.retired.reason}`;
  return {
    code: entry.code,
    constantName: entry.constantName,
    message: tsString(entry.message),
    meaning: tsString(entry.meaning),
    category: tsString(entry.category),
    errorType: entry.errorType === null ? 'null' : tsString(entry.errorType),
    httpStatus: entry.httpStatus,
    retryable: entry.retryable,
    action: tsString(entry.action),
    since: tsString(entry.since),
    httpFallback: entry.httpFallback,
    retired: entry.retired === null ? 'null' : `{ reason: ${tsString(entry.retired.reason)} }`,
    doc: docCommentText(`${entry.code} ${entry.message}: ${entry.meaning}.${retiredNote}`),
  };
}
