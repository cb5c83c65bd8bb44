import { type ContractModel, markdownCell } from '@iotv1/generator-core/kit';

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
    version: markdownCell(model.version),
    contentHash: model.contentHash,
    rows: model.registry.map((entry) => ({
      code: String(entry.code),
      message: markdownCell(entry.message),
      meaning: markdownCell(entry.retired === null ? entry.meaning : `${entry.meaning} (retired: ${entry.retired.reason})`),
      category: markdownCell(entry.category),
      errorType: entry.errorType === null ? 'n/a' : markdownCell(entry.errorType),
      httpStatus: String(entry.httpStatus),
      retryable: entry.retryable ? 'yes' : 'no',
      since: markdownCell(entry.since),
    })),
  };
}
