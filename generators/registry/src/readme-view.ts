import { escape, type ContractModel } from '@iotv1/generator-core';

export interface ReadmeView {
  readonly banner: readonly string[];
  readonly version: string;
  readonly contentHash: string;
  readonly rows: readonly Record<'code' | 'message' | 'meaning' | 'category' | 'errorType' | 'httpStatus' | 'retryable' | 'since', string>[];
}

/** The package README: a Markdown table of the registry, every cell escaped. */
export function readmeView(model: ContractModel, banner: readonly string[]): ReadmeView {
  return {
    banner: banner.map((line) => line.replace(/--/g, '- -')),
    version: escape.markdownCell(model.version),
    contentHash: model.contentHash,
    rows: model.registry.map((entry) => ({
      code: String(entry.code),
      message: escape.markdownCell(entry.message),
      meaning: escape.markdownCell(entry.retired === null ? entry.meaning : `${entry.meaning} (retired: ${entry.retired.reason})`),
      category: escape.markdownCell(entry.category),
      errorType: entry.errorType === null ? 'n/a' : escape.markdownCell(entry.errorType),
      httpStatus: String(entry.httpStatus),
      retryable: entry.retryable ? 'yes' : 'no',
      since: escape.markdownCell(entry.since),
    })),
  };
}
